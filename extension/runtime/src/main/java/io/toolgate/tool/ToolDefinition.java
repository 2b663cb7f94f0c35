package io.toolgate.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool as data: what every door publishes and every stage reads. Annotated methods and declarative tools all
 * become one of these.
 *
 * @param outputSchema null when the tool's result has no object schema
 * @param origin where the tool came from, for lint and error messages (a class and method, or a file)
 */
public record ToolDefinition(String name, String title, String description, ObjectNode inputSchema,
        ObjectNode outputSchema, ToolHints hints, ToolPolicy policy, ToolExecutor executor, String origin) {
}

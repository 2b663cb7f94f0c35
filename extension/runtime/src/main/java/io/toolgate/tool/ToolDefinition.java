package io.toolgate.tool;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool as data: what every door publishes and every stage reads. Annotated methods and declarative tools all
 * become one of these.
 *
 * @param outputSchema null when the tool's result has no object schema
 * @param origin where the tool came from, for lint and error messages (a class and method, or a file)
 * @param tags labels to find and group tools by (search filters, virtual servers): a definition file's
 *        {@code tags}, an OpenAPI operation's tags, {@code upstream:<name>} for an upstream's tools
 */
public record ToolDefinition(String name, String title, String description, ObjectNode inputSchema,
        ObjectNode outputSchema, ToolHints hints, ToolPolicy policy, ToolExecutor executor, String origin,
        Set<String> tags) {

    public ToolDefinition {
        tags = tags == null ? Set.of() : Set.copyOf(tags);
    }

    /** A tool without tags. */
    public ToolDefinition(String name, String title, String description, ObjectNode inputSchema,
            ObjectNode outputSchema, ToolHints hints, ToolPolicy policy, ToolExecutor executor, String origin) {
        this(name, title, description, inputSchema, outputSchema, hints, policy, executor, origin, Set.of());
    }
}

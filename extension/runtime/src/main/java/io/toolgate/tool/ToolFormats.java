package io.toolgate.tool;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool in each published format: the MCP Tool object, OpenAI's Chat Completions {@code tools} entry and
 * Anthropic's Messages API tool. One place, so every door publishes the same schema.
 */
public final class ToolFormats {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ToolFormats() {
    }

    public enum Format {
        MCP, OPENAI, ANTHROPIC;

        /** Parses {@code ?format=}; null and blank mean MCP. */
        public static Format parse(String value) {
            if (value == null || value.isBlank()) {
                return MCP;
            }
            return switch (value.strip().toLowerCase()) {
                case "mcp" -> MCP;
                case "openai" -> OPENAI;
                case "anthropic" -> ANTHROPIC;
                default -> throw new IllegalArgumentException(
                        "format must be one of [mcp, openai, anthropic], got \"" + value + "\"");
            };
        }
    }

    public static ObjectNode render(ToolDefinition tool, Format format) {
        return switch (format) {
            case MCP -> mcp(tool);
            case OPENAI -> openai(tool);
            case ANTHROPIC -> anthropic(tool);
        };
    }

    public static ObjectNode mcp(ToolDefinition tool) {
        ObjectNode node = JSON.objectNode();
        node.put("name", tool.name());
        if (tool.title() != null) {
            node.put("title", tool.title());
        }
        node.put("description", tool.description());
        node.set("inputSchema", tool.inputSchema());
        if (tool.outputSchema() != null) {
            node.set("outputSchema", tool.outputSchema());
        }
        ObjectNode annotations = node.putObject("annotations");
        if (tool.title() != null) {
            annotations.put("title", tool.title());
        }
        ToolHints hints = tool.hints();
        annotations.put("readOnlyHint", hints.readOnly());
        annotations.put("destructiveHint", hints.destructive());
        annotations.put("idempotentHint", hints.idempotent());
        annotations.put("openWorldHint", hints.openWorld());
        if (hints.taskSupport() != ToolHints.TaskSupport.FORBIDDEN) {
            node.putObject("execution").put("taskSupport", hints.taskSupport().wireName());
        }
        return node;
    }

    public static ObjectNode openai(ToolDefinition tool) {
        ObjectNode node = JSON.objectNode();
        node.put("type", "function");
        ObjectNode function = node.putObject("function");
        function.put("name", tool.name());
        function.put("description", tool.description());
        function.set("parameters", tool.inputSchema());
        return node;
    }

    public static ObjectNode anthropic(ToolDefinition tool) {
        ObjectNode node = JSON.objectNode();
        node.put("name", tool.name());
        node.put("description", tool.description());
        node.set("input_schema", tool.inputSchema());
        return node;
    }
}

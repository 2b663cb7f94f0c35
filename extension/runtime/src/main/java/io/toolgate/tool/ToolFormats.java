package io.toolgate.tool;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool in each published format: the MCP Tool object, OpenAI's Chat Completions and Responses API function tools
 * (optionally in strict mode), Anthropic's Messages API tool, Gemini's function declaration and Amazon Bedrock
 * Converse's tool specification. One place, so every door publishes the same schema.
 */
public final class ToolFormats {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ToolFormats() {
    }

    public enum Format {
        MCP("mcp"), OPENAI("openai"), ANTHROPIC("anthropic"), OPENAI_RESPONSES("openai-responses"),
        GEMINI("gemini"), BEDROCK("bedrock");

        private final String wireName;

        Format(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /**
         * Whether the provider accepts a tool of this name. Toolgate's names may hold dots, which Bedrock refuses
         * ({@code [a-zA-Z0-9_-]{1,64}}); the others take every name Toolgate serves.
         */
        public boolean accepts(String toolName) {
            return this != BEDROCK || toolName.matches("[a-zA-Z0-9_-]{1,64}");
        }

        /** Whether {@code strict=true} means something for this format (OpenAI's strict mode). */
        public boolean hasStrictMode() {
            return this == OPENAI || this == OPENAI_RESPONSES;
        }

        /** Parses {@code ?format=}; null and blank mean MCP. */
        public static Format parse(String value) {
            if (value == null || value.isBlank()) {
                return MCP;
            }
            for (Format f : values()) {
                if (f.wireName.equals(value.strip().toLowerCase(java.util.Locale.ROOT))) {
                    return f;
                }
            }
            throw new IllegalArgumentException("format must be one of " + java.util.Arrays.stream(values())
                    .map(Format::wireName).toList() + ", got \"" + value + "\"");
        }
    }

    public static ObjectNode render(ToolDefinition tool, Format format) {
        return render(tool, format, false);
    }

    /** @param strict OpenAI's strict mode, for the two OpenAI formats (ignored by the others) */
    public static ObjectNode render(ToolDefinition tool, Format format, boolean strict) {
        return switch (format) {
            case MCP -> mcp(tool);
            case OPENAI -> openai(tool, strict);
            case ANTHROPIC -> anthropic(tool);
            case OPENAI_RESPONSES -> responses(tool, strict);
            case GEMINI -> gemini(tool);
            case BEDROCK -> bedrock(tool);
        };
    }

    /**
     * A listing in the shape the provider's request takes as is: MCP's {@code {"tools":[...]}}, the {@code tools}
     * array of OpenAI (both APIs) and Anthropic, Gemini's {@code tools} array of one {@code functionDeclarations}
     * object, and Bedrock's {@code toolConfig}.
     */
    public static com.fasterxml.jackson.databind.JsonNode listing(Format format,
            com.fasterxml.jackson.databind.node.ArrayNode rendered) {
        return switch (format) {
            case MCP -> JSON.objectNode().set("tools", rendered);
            case GEMINI -> {
                com.fasterxml.jackson.databind.node.ArrayNode tools = JSON.arrayNode();
                tools.addObject().set("functionDeclarations", rendered);
                yield tools;
            }
            case BEDROCK -> JSON.objectNode().set("tools", rendered);
            default -> rendered;
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
        return openai(tool, false);
    }

    public static ObjectNode openai(ToolDefinition tool, boolean strict) {
        ObjectNode node = JSON.objectNode();
        node.put("type", "function");
        ObjectNode function = node.putObject("function");
        function.put("name", tool.name());
        function.put("description", tool.description());
        function.set("parameters", strict ? StrictSchemas.rewrite(tool.inputSchema()).schema() : tool.inputSchema());
        if (strict) {
            function.put("strict", true);
        }
        return node;
    }

    /** The Responses API's flat function tool. */
    public static ObjectNode responses(ToolDefinition tool, boolean strict) {
        ObjectNode node = JSON.objectNode();
        node.put("type", "function");
        node.put("name", tool.name());
        node.put("description", tool.description());
        node.set("parameters", strict ? StrictSchemas.rewrite(tool.inputSchema()).schema() : tool.inputSchema());
        node.put("strict", strict);
        return node;
    }

    /** A Gemini {@code functionDeclaration}, its parameters in Gemini's OpenAPI-subset schema. */
    public static ObjectNode gemini(ToolDefinition tool) {
        ObjectNode node = JSON.objectNode();
        node.put("name", tool.name());
        node.put("description", tool.description());
        ObjectNode parameters = GeminiSchemas.convert(tool.inputSchema()).schema();
        // A tool without parameters declares none: Gemini refuses an OBJECT schema with no properties.
        if (parameters.path("properties").size() > 0) {
            node.set("parameters", parameters);
        }
        return node;
    }

    /** A Bedrock Converse {@code toolSpec}: the JSON Schema as it is, under {@code inputSchema.json}. */
    public static ObjectNode bedrock(ToolDefinition tool) {
        ObjectNode node = JSON.objectNode();
        ObjectNode spec = node.putObject("toolSpec");
        spec.put("name", tool.name());
        spec.put("description", tool.description());
        spec.putObject("inputSchema").set("json", tool.inputSchema());
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

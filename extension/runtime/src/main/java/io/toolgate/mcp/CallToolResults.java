package io.toolgate.mcp;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.invoke.ErrorCode;
import io.toolgate.invoke.FieldError;
import io.toolgate.invoke.Outcome;

/**
 * The MCP door's wire form of an Outcome: a {@code CallToolResult}. Failures a model can react to are tool results
 * with {@code isError: true}, so the model sees them; only a call the client could not have meant (an unknown tool)
 * is a JSON-RPC error.
 */
final class CallToolResults {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> CONTENT_TYPES = Set.of("text", "image", "audio", "resource", "resource_link");

    /** How each code travels; the one table of this door, exhaustive so that a new code cannot be forgotten. */
    enum Form {
        TOOL_ERROR, PROTOCOL_ERROR
    }

    private CallToolResults() {
    }

    static Form formOf(ErrorCode code) {
        return switch (code) {
            case FUNCTION_NOT_FOUND -> Form.PROTOCOL_ERROR;
            case INVALID_JSON, VALIDATION_ERROR, PAYLOAD_TOO_LARGE, UNAUTHORIZED, FORBIDDEN, RATE_LIMITED, BUSY,
                    CIRCUIT_OPEN, TIMEOUT, TOOL_REFUSED, TOOL_QUARANTINED, UPSTREAM_ERROR, AUDIT_UNAVAILABLE, DATABASE_UNAVAILABLE,
                    EXECUTION_ERROR, CANCELLED, UNKNOWN_ERROR,
                    INPUT_REQUIRED, CLIENT_CAPABILITY_MISSING -> Form.TOOL_ERROR;
        };
    }

    /**
     * @param structured whether the tool publishes an output schema: its result then also goes out as
     *        {@code structuredContent}
     */
    static ObjectNode success(Outcome outcome, boolean structured) {
        JsonNode value = outcome.result();
        ObjectNode result = JSON.objectNode();
        if (!structured && isContentResult(value)) {
            result.set("content", value.get("content"));
            return result;
        }
        ArrayNode content = result.putArray("content");
        if (value != null && !value.isNull()) {
            content.addObject().put("type", "text").put("text", text(value));
        }
        if (outcome.isTruncated()) {
            content.addObject().put("type", "text").put("text", "[result truncated from " + outcome.originalSize()
                    + " bytes; ask for less data to see all of it]");
        } else if (structured && value != null && value.isObject()) {
            result.set("structuredContent", value);
        }
        return result;
    }

    /**
     * The result of a tool whose value is already a {@code CallToolResult} (an upstream MCP server's): sent as it
     * came, unless the result limit cut it, which leaves a string that goes out as text with the usual note.
     */
    static ObjectNode passedOn(Outcome outcome) {
        JsonNode value = outcome.result();
        if (!outcome.isTruncated() && value != null && value.isObject()) {
            return (ObjectNode) value;
        }
        return success(outcome, false);
    }

    // Strings, whole numbers and booleans read the same as text and as JSON; only the rest needs a JSON writer.
    private static String text(JsonNode value) {
        return value.isTextual() || value.isIntegralNumber() || value.isBoolean() ? value.asText() : value.toString();
    }

    /** A tool error result: the code, the message and one line per field error, for the model to correct itself. */
    static ObjectNode toolError(Outcome outcome) {
        StringBuilder text = new StringBuilder(outcome.code().name()).append(": ").append(outcome.message());
        for (FieldError e : outcome.details()) {
            text.append("\n- ").append(e.field()).append(" (").append(e.rule()).append("): ").append(e.message());
        }
        if (outcome.retryAfter() != null) {
            text.append("\nRetry after ").append(Math.max(1, outcome.retryAfter().toSeconds())).append(" s.");
        }
        ObjectNode result = JSON.objectNode();
        result.putArray("content").addObject().put("type", "text").put("text", text.toString());
        result.put("isError", true);
        return result;
    }

    /**
     * A result that is already MCP content ({@code {"content": [blocks]}}, as {@link McpContent} builds it) passes
     * through, so a tool can answer with images, audio or embedded resources.
     */
    private static boolean isContentResult(JsonNode value) {
        if (value == null || !value.isObject() || value.size() != 1 || !value.path("content").isArray()) {
            return false;
        }
        for (JsonNode block : value.get("content")) {
            if (!block.isObject() || !CONTENT_TYPES.contains(block.path("type").asText())) {
                return false;
            }
        }
        return true;
    }
}

package io.toolgate.bridge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.toolgate.invoke.ToolCallRequest;

/**
 * Reads a model's tool calls exactly as the provider's API returned them:
 * <ul>
 * <li>OpenAI: {@code {"tool_calls":[...]}}, a whole assistant message, or the bare {@code tool_calls} array;</li>
 * <li>Anthropic: an assistant message or its {@code content} array of blocks, of which only {@code tool_use} blocks
 * count.</li>
 * </ul>
 * An item that cannot be read becomes a malformed request, reported in its place; only a body that is neither format,
 * or whose ids repeat, is refused as a whole.
 */
public final class ToolCallParser {

    public record Parsed(Provider provider, List<ToolCallRequest> calls) {
    }

    /** The whole body is unusable; the message names what was expected. */
    public static final class Refused extends Exception {
        private final String field;
        private final String rule;

        Refused(String field, String rule, String message) {
            super(message, null, false, false);
            this.field = field;
            this.rule = rule;
        }

        public String field() {
            return field;
        }

        public String rule() {
            return rule;
        }
    }

    private ToolCallParser() {
    }

    public static Parsed parse(JsonNode body) throws Refused {
        Parsed parsed;
        if (body.isObject() && body.has("tool_calls")) {
            parsed = openai(body.get("tool_calls"));
        } else if (body.isObject() && body.has("content")) {
            parsed = anthropic(body.get("content"));
        } else if (body.isArray() && !body.isEmpty() && body.get(0).has("function")) {
            parsed = openai(body);
        } else if (body.isArray() && !body.isEmpty() && body.get(0).has("type")) {
            parsed = anthropic(body);
        } else {
            throw new Refused("(body)", "format", "expected OpenAI tool calls ({\"tool_calls\":[...]} or an assistant message)"
                    + " or Anthropic content ({\"content\":[{\"type\":\"tool_use\",...}]} or the content array)");
        }
        if (parsed.calls().isEmpty()) {
            throw new Refused("tool_calls", "minItems", "the body holds no tool calls");
        }
        rejectDuplicateIds(parsed.calls());
        return parsed;
    }

    private static Parsed openai(JsonNode toolCalls) throws Refused {
        if (!toolCalls.isArray()) {
            throw new Refused("tool_calls", "type", "tool_calls must be an array");
        }
        List<ToolCallRequest> calls = new ArrayList<>();
        int i = 0;
        for (JsonNode item : toolCalls) {
            String where = "tool_calls[" + i++ + "]";
            String id = text(item.get("id"));
            JsonNode function = item.get("function");
            String name = function == null ? null : text(function.get("name"));
            if (id == null) {
                calls.add(ToolCallRequest.malformed(null, name, where + ".id is missing; every tool call needs its id"));
            } else if (function == null || !function.isObject()) {
                calls.add(ToolCallRequest.malformed(id, null, where + ".function must be an object with name and"
                        + " arguments"));
            } else if (name == null) {
                calls.add(ToolCallRequest.malformed(id, null, where + ".function.name is missing"));
            } else {
                JsonNode args = function.get("arguments");
                // OpenAI sends arguments as a JSON string; an object is accepted as well.
                Object arguments = args == null || args.isNull() ? null : args.isTextual() ? args.asText() : args;
                calls.add(new ToolCallRequest(id, name, arguments, null));
            }
        }
        return new Parsed(Provider.OPENAI, calls);
    }

    private static Parsed anthropic(JsonNode content) throws Refused {
        if (!content.isArray()) {
            throw new Refused("content", "type", "content must be an array of content blocks");
        }
        List<ToolCallRequest> calls = new ArrayList<>();
        int i = 0;
        for (JsonNode block : content) {
            String where = "content[" + i++ + "]";
            if (!"tool_use".equals(text(block.get("type")))) {
                continue;
            }
            String id = text(block.get("id"));
            String name = text(block.get("name"));
            if (id == null) {
                calls.add(ToolCallRequest.malformed(null, name, where + ".id is missing; every tool_use needs its id"));
            } else if (name == null) {
                calls.add(ToolCallRequest.malformed(id, null, where + ".name is missing"));
            } else {
                JsonNode input = block.get("input");
                calls.add(new ToolCallRequest(id, name, input == null || input.isNull() ? null : input, null));
            }
        }
        return new Parsed(Provider.ANTHROPIC, calls);
    }

    private static void rejectDuplicateIds(List<ToolCallRequest> calls) throws Refused {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            String id = calls.get(i).id();
            if (id == null) {
                continue;
            }
            Integer first = seen.putIfAbsent(id, i);
            if (first != null) {
                throw new Refused("id", "unique", "tool call id \"" + id + "\" appears at positions " + first + " and " + i
                        + "; ids must be unique so results can be matched to calls");
            }
        }
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}

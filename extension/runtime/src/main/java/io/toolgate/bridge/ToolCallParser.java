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
 * count;</li>
 * <li>OpenAI Responses API: a Response ({@code output}) or the array of output items, of which only
 * {@code function_call} items count;</li>
 * <li>Google Gemini: a GenerateContentResponse ({@code candidates}), a Content ({@code parts}) or the parts array, of
 * which only {@code functionCall} parts count (a call without an id is paired with its result by position);</li>
 * <li>Amazon Bedrock Converse: a Converse response ({@code output.message}), a message, or its content array, of
 * which only {@code toolUse} blocks count.</li>
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
        } else if (body.isObject() && body.path("output").isArray()) {
            parsed = responses(body.get("output"));
        } else if (body.isObject() && body.path("output").path("message").isObject()) {
            parsed = bedrock(body.get("output").get("message").path("content"));
        } else if (body.isObject() && body.has("candidates")) {
            parsed = gemini(body.get("candidates").path(0).path("content").path("parts"));
        } else if (body.isObject() && body.has("parts")) {
            parsed = gemini(body.get("parts"));
        } else if (body.isObject() && body.has("content") && anyHas(body.get("content"), "toolUse")) {
            parsed = bedrock(body.get("content"));
        } else if (body.isObject() && body.has("content")) {
            parsed = anthropic(body.get("content"));
        } else if (body.isArray() && !body.isEmpty() && body.get(0).has("function")) {
            parsed = openai(body);
        } else if (body.isArray() && anyTyped(body, "function_call")) {
            parsed = responses(body);
        } else if (body.isArray() && anyHas(body, "functionCall")) {
            parsed = gemini(body);
        } else if (body.isArray() && anyHas(body, "toolUse")) {
            parsed = bedrock(body);
        } else if (body.isArray() && !body.isEmpty() && body.get(0).has("type")) {
            parsed = anthropic(body);
        } else {
            throw new Refused("(body)", "format", "expected the tool calls of OpenAI ({\"tool_calls\":[...]} or an"
                    + " assistant message), Anthropic ({\"content\":[{\"type\":\"tool_use\",...}]}), the OpenAI"
                    + " Responses API ({\"output\":[{\"type\":\"function_call\",...}]}), Gemini"
                    + " ({\"candidates\":[...]} or {\"parts\":[{\"functionCall\":...}]}) or Bedrock Converse"
                    + " ({\"output\":{\"message\":...}} or {\"content\":[{\"toolUse\":...}]})");
        }
        if (parsed.calls().isEmpty()) {
            throw new Refused("tool_calls", "minItems", "the body holds no tool calls");
        }
        rejectDuplicateIds(parsed.calls());
        return parsed;
    }

    private static boolean anyHas(JsonNode items, String field) {
        if (items != null && items.isArray()) {
            for (JsonNode item : items) {
                if (item.has(field)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean anyTyped(JsonNode items, String type) {
        for (JsonNode item : items) {
            if (type.equals(item.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Responses API {@code function_call} items: {@code call_id} pairs the call with its output. */
    private static Parsed responses(JsonNode output) {
        List<ToolCallRequest> calls = new ArrayList<>();
        int i = 0;
        for (JsonNode item : output) {
            String where = "output[" + i++ + "]";
            if (!"function_call".equals(text(item.get("type")))) {
                continue;
            }
            String id = text(item.get("call_id"));
            String name = text(item.get("name"));
            if (id == null) {
                calls.add(ToolCallRequest.malformed(null, name, where + ".call_id is missing; every function_call"
                        + " needs its call_id"));
            } else if (name == null) {
                calls.add(ToolCallRequest.malformed(id, null, where + ".name is missing"));
            } else {
                JsonNode args = item.get("arguments");
                calls.add(new ToolCallRequest(id, name, args == null || args.isNull() ? null
                        : args.isTextual() ? args.asText() : args, null));
            }
        }
        return new Parsed(Provider.OPENAI_RESPONSES, calls);
    }

    /**
     * Gemini {@code functionCall} parts. Older models send no id: such a call gets {@link #POSITIONAL} and its index,
     * and its result goes back by name and position, without an id.
     */
    private static Parsed gemini(JsonNode parts) throws Refused {
        if (!parts.isArray()) {
            throw new Refused("parts", "type", "parts must be an array of Gemini content parts");
        }
        List<ToolCallRequest> calls = new ArrayList<>();
        int i = 0;
        for (JsonNode part : parts) {
            String where = "parts[" + i + "]";
            JsonNode call = part.get("functionCall");
            if (call != null) {
                String name = text(call.get("name"));
                String id = text(call.get("id"));
                id = id != null ? id : POSITIONAL + i;
                if (name == null) {
                    calls.add(ToolCallRequest.malformed(id, null, where + ".functionCall.name is missing"));
                } else {
                    JsonNode args = call.get("args");
                    calls.add(new ToolCallRequest(id, name, args == null || args.isNull() ? null : args, null));
                }
            }
            i++;
        }
        return new Parsed(Provider.GEMINI, calls);
    }

    /** Marks the id of a Gemini call that came without one. */
    public static final String POSITIONAL = "#position-";

    /** Bedrock Converse {@code toolUse} blocks: {@code toolUseId} pairs the call with its result. */
    private static Parsed bedrock(JsonNode content) throws Refused {
        if (!content.isArray()) {
            throw new Refused("content", "type", "content must be an array of Converse content blocks");
        }
        List<ToolCallRequest> calls = new ArrayList<>();
        int i = 0;
        for (JsonNode block : content) {
            String where = "content[" + i++ + "].toolUse";
            JsonNode use = block.get("toolUse");
            if (use == null) {
                continue;
            }
            String id = text(use.get("toolUseId"));
            String name = text(use.get("name"));
            if (id == null) {
                calls.add(ToolCallRequest.malformed(null, name, where + ".toolUseId is missing"));
            } else if (name == null) {
                calls.add(ToolCallRequest.malformed(id, null, where + ".name is missing"));
            } else {
                JsonNode input = use.get("input");
                calls.add(new ToolCallRequest(id, name, input == null || input.isNull() ? null : input, null));
            }
        }
        return new Parsed(Provider.BEDROCK, calls);
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

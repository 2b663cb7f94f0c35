package io.toolgate.agent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;

/**
 * An OpenAI Chat Completions request body, read into what the loop needs. Only the fields the loop uses are read;
 * {@code stream: true} is refused because the loop answers once, after its last step.
 *
 * @param toolNames names from the request's {@code tools} (strings or function objects), or null for "all visible"
 * @param forcedTool the function named by {@code tool_choice: {"type":"function",...}}, or null
 * @param selection how the offered tools are chosen: all of them, or the few most relevant ({@code tool_selection})
 */
record ChatCompletionRequest(String model, List<ChatMessage> messages, Set<String> toolNames, String toolChoice,
        String forcedTool, Integer maxSteps, Double temperature, Integer maxTokens, ToolSelection selection) {

    /**
     * {@code tool_selection: {"mode": "search", "top_k": N}}: the model is offered the N tools most relevant to the
     * conversation, plus {@code search_tools} to look again; {@code "all"} (the default) offers every tool.
     */
    record ToolSelection(boolean search, int topK) {
        static final ToolSelection ALL = new ToolSelection(false, 0);
        static final int DEFAULT_TOP_K = 5;
        static final int MAX_TOP_K = 50;

        static ToolSelection read(JsonNode node) {
            if (node == null || node.isNull()) {
                return ALL;
            }
            String mode = node.path("mode").asText("");
            if (!node.isObject() || !Set.of("all", "search").contains(mode)) {
                throw invalid("tool_selection must be {\"mode\": \"all\"} or {\"mode\": \"search\", \"top_k\": N},"
                        + " got " + node);
            }
            JsonNode k = node.get("top_k");
            if (k != null && (!k.isIntegralNumber() || k.asInt() < 1 || k.asInt() > MAX_TOP_K)) {
                throw invalid("tool_selection.top_k must be a whole number from 1 to " + MAX_TOP_K + ", got " + k);
            }
            return "all".equals(mode) ? ALL : new ToolSelection(true, k == null ? DEFAULT_TOP_K : k.asInt());
        }
    }

    static final String AUTO = "auto";
    static final String NONE = "none";
    static final String REQUIRED = "required";
    static final String FUNCTION = "function";

    static ChatCompletionRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("The body must be a JSON object: an OpenAI chat completion request");
        }
        if (body.path("stream").asBoolean(false)) {
            throw invalid("stream: true is not supported; the agent answers once, after its last step");
        }
        String model = body.hasNonNull("model") ? body.get("model").asText() : null;
        List<ChatMessage> messages = messages(body.get("messages"));
        Set<String> toolNames = toolNames(body.get("tools"));
        String choice = AUTO;
        String forced = null;
        JsonNode tc = body.get("tool_choice");
        if (tc != null && !tc.isNull()) {
            if (tc.isTextual() && Set.of(AUTO, NONE, REQUIRED).contains(tc.asText())) {
                choice = tc.asText();
            } else if (tc.isObject() && FUNCTION.equals(tc.path("type").asText())
                    && tc.path("function").path("name").isTextual()) {
                choice = FUNCTION;
                forced = tc.path("function").path("name").asText();
            } else {
                throw invalid("tool_choice must be \"auto\", \"none\", \"required\" or"
                        + " {\"type\":\"function\",\"function\":{\"name\":\"...\"}}, got " + tc);
            }
        }
        Integer maxSteps = null;
        if (body.hasNonNull("max_steps")) {
            if (!body.get("max_steps").canConvertToInt() || body.get("max_steps").asInt() < 1) {
                throw invalid("max_steps must be a positive integer, got " + body.get("max_steps"));
            }
            maxSteps = body.get("max_steps").asInt();
        }
        Double temperature = body.hasNonNull("temperature") ? body.get("temperature").asDouble() : null;
        JsonNode mt = body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens")
                : body.get("max_tokens");
        Integer maxTokens = mt != null && mt.canConvertToInt() ? mt.asInt() : null;
        return new ChatCompletionRequest(model, messages, toolNames, choice, forced, maxSteps, temperature, maxTokens,
                ToolSelection.read(body.get("tool_selection")));
    }

    private static Set<String> toolNames(JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return null;
        }
        if (!tools.isArray()) {
            throw invalid("tools must be an array of tool names or OpenAI function objects");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode t : tools) {
            if (t.isTextual()) {
                names.add(t.asText());
            } else if (t.path("function").path("name").isTextual()) {
                names.add(t.path("function").path("name").asText());
            } else if (t.path("name").isTextual()) {
                names.add(t.path("name").asText());
            } else {
                throw invalid("each item of tools must be a tool name or {\"type\":\"function\",\"function\":"
                        + "{\"name\":\"...\"}}, got " + t);
            }
        }
        return names;
    }

    private static List<ChatMessage> messages(JsonNode messages) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw invalid("messages must be a non-empty array of chat messages");
        }
        List<ChatMessage> out = new ArrayList<>();
        // role:tool messages carry only the call id; langchain4j also wants the tool name, from the assistant turn.
        Map<String, String> toolNameById = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText();
            String content = content(m.get("content"));
            switch (role) {
                case "system", "developer" -> out.add(SystemMessage.from(content == null ? "" : content));
                case "user" -> out.add(UserMessage.from(content == null ? "" : content));
                case "assistant" -> out.add(assistant(m, content, toolNameById));
                case "tool" -> {
                    String id = m.path("tool_call_id").asText(null);
                    if (id == null) {
                        throw invalid("messages[" + i + "]: a tool message needs tool_call_id");
                    }
                    out.add(ToolExecutionResultMessage.from(id, toolNameById.getOrDefault(id, ""),
                            content == null ? "" : content));
                }
                default -> throw invalid("messages[" + i + "].role must be system, developer, user, assistant or"
                        + " tool, got \"" + role + "\"");
            }
        }
        return out;
    }

    private static AiMessage assistant(JsonNode m, String content, Map<String, String> toolNameById) {
        List<ToolExecutionRequest> calls = new ArrayList<>();
        for (JsonNode c : m.path("tool_calls")) {
            String id = c.path("id").asText();
            String name = c.path("function").path("name").asText();
            JsonNode args = c.path("function").get("arguments");
            toolNameById.put(id, name);
            calls.add(ToolExecutionRequest.builder().id(id).name(name)
                    .arguments(args == null ? "{}" : args.isTextual() ? args.asText() : args.toString()).build());
        }
        if (calls.isEmpty()) {
            return AiMessage.from(content == null ? "" : content);
        }
        return content == null ? AiMessage.from(calls) : AiMessage.from(content, calls);
    }

    /** A string, or the text parts of a content array joined. */
    private static String content(JsonNode content) {
        if (content == null || content.isNull()) {
            return null;
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (part.path("text").isTextual()) {
                    text.append(part.get("text").asText());
                }
            }
            return text.toString();
        }
        return content.toString();
    }

    private static AgentFailure invalid(String message) {
        return new AgentFailure(AgentError.INVALID_REQUEST, message);
    }
}

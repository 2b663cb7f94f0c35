package io.toolgate.bridge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.invoke.BatchExecutor.BatchResult;
import io.toolgate.invoke.BatchExecutor.CallResult;
import io.toolgate.invoke.OutcomeJson;

/** Batch results as messages ready to append to a conversation, in each provider's format. */
public final class ToolResultMessages {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ToolResultMessages() {
    }

    /** {@code {"messages":[{"role":"tool","tool_call_id","content"}]}}: one Chat Completions message per call. */
    public static ObjectNode openai(BatchResult batch) {
        ObjectNode body = JSON.objectNode();
        ArrayNode messages = body.putArray("messages");
        for (CallResult r : batch.results()) {
            messages.addObject()
                    .put("role", "tool")
                    .put("tool_call_id", r.request().id())
                    .put("content", OutcomeJson.modelText(r.outcome()));
        }
        return body;
    }

    /** {@code {"role":"user","content":[{"type":"tool_result",...}]}}: the one user message Anthropic expects. */
    public static ObjectNode anthropic(BatchResult batch) {
        ObjectNode message = JSON.objectNode();
        message.put("role", "user");
        ArrayNode content = message.putArray("content");
        for (CallResult r : batch.results()) {
            content.addObject()
                    .put("type", "tool_result")
                    .put("tool_use_id", r.request().id())
                    .put("content", OutcomeJson.modelText(r.outcome()))
                    .put("is_error", !r.outcome().isSuccess());
        }
        return message;
    }

    /** {@code {"input":[{"type":"function_call_output","call_id","output"}]}}: items for the next Responses request. */
    public static ObjectNode responses(BatchResult batch) {
        ObjectNode body = JSON.objectNode();
        ArrayNode input = body.putArray("input");
        for (CallResult r : batch.results()) {
            input.addObject()
                    .put("type", "function_call_output")
                    .put("call_id", r.request().id())
                    .put("output", OutcomeJson.modelText(r.outcome()));
        }
        return body;
    }

    /**
     * {@code {"role":"user","parts":[{"functionResponse":{"name","id","response"}}]}}: the Content that answers a
     * Gemini turn's function calls, in their order; {@code response} is an object (the result, or its error).
     */
    public static ObjectNode gemini(BatchResult batch) {
        ObjectNode content = JSON.objectNode();
        content.put("role", "user");
        ArrayNode parts = content.putArray("parts");
        for (CallResult r : batch.results()) {
            ObjectNode response = parts.addObject().putObject("functionResponse");
            response.put("name", r.request().name());
            String id = r.request().id();
            if (id != null && !id.startsWith(ToolCallParser.POSITIONAL)) {
                response.put("id", id);
            }
            response.set("response", OutcomeJson.modelObject(r.outcome()));
        }
        return content;
    }

    /**
     * {@code {"role":"user","content":[{"toolResult":{"toolUseId","content":[{"json"}],"status"}}]}}: the Converse
     * message that answers the tool uses.
     */
    public static ObjectNode bedrock(BatchResult batch) {
        ObjectNode message = JSON.objectNode();
        message.put("role", "user");
        ArrayNode content = message.putArray("content");
        for (CallResult r : batch.results()) {
            ObjectNode result = content.addObject().putObject("toolResult");
            result.put("toolUseId", r.request().id());
            result.putArray("content").addObject().set("json", OutcomeJson.modelObject(r.outcome()));
            result.put("status", r.outcome().isSuccess() ? "success" : "error");
        }
        return message;
    }
}

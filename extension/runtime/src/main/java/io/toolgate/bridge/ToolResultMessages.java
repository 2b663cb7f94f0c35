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
}

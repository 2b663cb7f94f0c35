package io.toolgate.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Scripted model responses in OpenAI's chat completion shape. */
final class Scripts {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Scripts() {
    }

    /** A response asking for tool calls; {@code calls} are id, name, arguments triples. */
    static ObjectNode toolCalls(String... calls) {
        ObjectNode message = JSON.objectNode().put("role", "assistant").putNull("content");
        ArrayNode tc = message.putArray("tool_calls");
        for (int i = 0; i < calls.length; i += 3) {
            ObjectNode c = tc.addObject().put("id", calls[i]).put("type", "function");
            c.putObject("function").put("name", calls[i + 1]).put("arguments", calls[i + 2]);
        }
        return ok(message, "tool_calls");
    }

    static ObjectNode answer(String text) {
        return ok(JSON.objectNode().put("role", "assistant").put("content", text), "stop");
    }

    static ObjectNode status(int status, String message) {
        ObjectNode step = JSON.objectNode().put("status", status);
        step.putObject("body").putObject("error").put("message", message).put("type", "server_error");
        return step;
    }

    private static ObjectNode ok(ObjectNode message, String finish) {
        ObjectNode body = JSON.objectNode().put("id", "chatcmpl-fake").put("object", "chat.completion")
                .put("created", 1_700_000_000L).put("model", "fake-model");
        body.putArray("choices").addObject().put("index", 0).<ObjectNode>set("message", message)
                .put("finish_reason", finish);
        body.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
        return JSON.objectNode().put("status", 200).set("body", body);
    }

    static String script(ObjectNode... steps) {
        ArrayNode a = JSON.arrayNode();
        for (ObjectNode s : steps) {
            a.add(s);
        }
        return a.toString();
    }
}

package io.toolgate.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON every door shows for an Outcome's error, and the text a model reads for any Outcome. */
public final class OutcomeJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private OutcomeJson() {
    }

    /** {@code {"code","message","details":[{"field","rule","message"}],"retry_after_seconds"}}. */
    public static ObjectNode error(Outcome outcome) {
        ObjectNode error = JSON.objectNode();
        error.put("code", outcome.code().name());
        error.put("message", outcome.message());
        if (!outcome.details().isEmpty()) {
            ArrayNode details = error.putArray("details");
            for (FieldError e : outcome.details()) {
                details.addObject().put("field", e.field()).put("rule", e.rule()).put("message", e.message());
            }
        }
        if (outcome.retryAfter() != null) {
            error.put("retry_after_seconds", Math.max(1, outcome.retryAfter().toSeconds()));
        }
        return error;
    }

    /**
     * What goes back to a model as the tool's answer: a text result as it is, any other result as JSON text, a
     * truncated result wrapped with its original size, an error as {@code {"error":{...}}}.
     */
    public static String modelText(Outcome outcome) {
        if (!outcome.isSuccess()) {
            return JSON.objectNode().set("error", error(outcome)).toString();
        }
        JsonNode result = outcome.result();
        if (outcome.isTruncated()) {
            ObjectNode wrapped = JSON.objectNode();
            wrapped.put("truncated", true);
            wrapped.put("original_size", outcome.originalSize());
            wrapped.set("result", result);
            return wrapped.toString();
        }
        return result.isTextual() ? result.asText() : result.toString();
    }

    /**
     * The outcome as a JSON object, for providers whose tool results are objects (Gemini's functionResponse, Bedrock's
     * json block): an object result as it is, anything else under {@code result}, a failure under {@code error}.
     */
    public static ObjectNode modelObject(Outcome outcome) {
        if (!outcome.isSuccess()) {
            return (ObjectNode) JSON.objectNode().set("error", error(outcome));
        }
        JsonNode result = outcome.result();
        if (result.isObject() && !outcome.isTruncated()) {
            return (ObjectNode) result;
        }
        ObjectNode wrapped = JSON.objectNode();
        if (outcome.isTruncated()) {
            wrapped.put("truncated", true);
            wrapped.put("original_size", outcome.originalSize());
        }
        wrapped.set("result", result);
        return wrapped;
    }
}

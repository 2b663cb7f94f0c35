package io.toolgate.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.invoke.OutcomeJson;
import io.toolgate.invoke.Outcome;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The REST door's wire form of an Outcome: the result envelope, the HTTP status of its code, Retry-After. */
public final class OutcomeResponses {

    private OutcomeResponses() {
    }

    public static Response toResponse(Outcome outcome, String tool, String toolCallId) {
        Response.ResponseBuilder response = Response.status(outcome.isSuccess() ? 200 : outcome.code().httpStatus())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(envelope(outcome, tool, toolCallId));
        if (outcome.retryAfter() != null) {
            response.header("Retry-After", Math.max(1, outcome.retryAfter().toSeconds()));
        }
        return response.build();
    }

    public static ObjectNode envelope(Outcome outcome, String tool, String toolCallId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("success", outcome.isSuccess());
        body.put("tool", tool);
        body.put("tool_call_id", toolCallId);
        if (outcome.isSuccess()) {
            body.set("result", outcome.result());
            if (outcome.isTruncated()) {
                body.put("truncated", true);
                body.put("original_size", outcome.originalSize());
            }
        } else {
            body.set("error", OutcomeJson.error(outcome));
        }
        body.put("execution_time_ms", outcome.durationMillis());
        return body;
    }
}

package io.toolgate.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.invoke.ErrorCode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Error bodies for REST requests that are not tool calls (listing, lookups), in the same shape as call errors. */
public final class RestErrors {

    public static Response refuse(int status, ErrorCode code, String field, String rule, String message) {
        return of(status, code.name(), message, field, rule);
    }

    private RestErrors() {
    }

    static Response notFound(String message) {
        return of(404, ErrorCode.FUNCTION_NOT_FOUND.name(), message, null, null);
    }

    static Response badRequest(String field, String rule, String message) {
        return of(400, ErrorCode.VALIDATION_ERROR.name(), message, field, rule);
    }

    private static Response of(int status, String code, String message, String field, String rule) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("success", false);
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        if (field != null) {
            error.putArray("details").addObject().put("field", field).put("rule", rule).put("message", message);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}

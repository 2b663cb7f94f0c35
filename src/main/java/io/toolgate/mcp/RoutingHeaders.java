package io.toolgate.mcp;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.http.HttpServerRequest;

/**
 * The routing headers of 2026-07-28 (SEP-2243): {@code Mcp-Method} repeats the body's method and {@code Mcp-Name}
 * the name of what it acts on, so that proxies and gateways can route and authorize without reading the body. A
 * proxy may act on the headers while Toolgate acts on the body, so the two must agree exactly (values are
 * case-sensitive; surrounding whitespace is not part of an HTTP field value).
 */
final class RoutingHeaders {

    static final String METHOD = "Mcp-Method";
    static final String NAME = "Mcp-Name";

    private RoutingHeaders() {
    }

    static void check(HttpServerRequest request, JsonNode message) throws McpError {
        String method = message.path("method").asText();
        String methodHeader = strip(request.getHeader(METHOD));
        if (methodHeader == null) {
            throw mismatch("Missing " + METHOD + " header; it must repeat the request's method \"" + method + "\"");
        }
        if (!methodHeader.equals(method)) {
            throw mismatch("The " + METHOD + " header " + McpHttpTransport.quote(methodHeader)
                    + " does not match the request's method \"" + method + "\"");
        }
        String name = nameOf(method, message.path("params"));
        String nameHeader = strip(request.getHeader(NAME));
        if (name != null && nameHeader == null) {
            throw mismatch("Missing " + NAME + " header; for " + method + " it must repeat "
                    + McpHttpTransport.quote(name));
        }
        if (name != null && !name.equals(nameHeader)) {
            throw mismatch("The " + NAME + " header " + McpHttpTransport.quote(nameHeader)
                    + " does not match the request's " + McpHttpTransport.quote(name));
        }
    }

    /** What {@code Mcp-Name} must carry for a method, or null when the method names nothing. */
    static String nameOf(String method, JsonNode params) {
        String field = switch (method) {
            case "tools/call", "prompts/get" -> "name";
            case "resources/read" -> "uri";
            case "tasks/get", "tasks/update", "tasks/cancel" -> "taskId";
            default -> null;
        };
        JsonNode value = field == null ? null : params.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    private static McpError mismatch(String message) {
        return new McpError(JsonRpc.HEADER_MISMATCH, message);
    }
}

package io.toolgate.mcp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.http.HttpServerRequest;

/**
 * The routing headers of 2026-07-28 (SEP-2243): {@code Mcp-Method} repeats the body's method and {@code Mcp-Name}
 * the name of what it acts on, so that proxies and gateways can route and authorize without reading the body. A
 * proxy may act on the headers while Toolgate acts on the body, so the two must agree exactly (values are
 * case-sensitive; surrounding whitespace is not part of an HTTP field value).
 */
public final class RoutingHeaders {

    static final String METHOD = "Mcp-Method";
    static final String NAME = "Mcp-Name";
    static final String PARAM_PREFIX = "Mcp-Param-";
    static final String PARAM_KEYWORD = "x-mcp-header";
    private static final String BASE64_START = "=?base64?";
    private static final String BASE64_END = "?=";

    private RoutingHeaders() {
    }

    /**
     * @param inputSchemaOf the input schema of a tool the caller may call, or null: its properties marked
     *        {@code x-mcp-header} must arrive as {@code Mcp-Param-<name>} headers too
     */
    static void check(HttpServerRequest request, JsonNode message, Function<String, ObjectNode> inputSchemaOf)
            throws McpError {
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
        if ("tools/call".equals(method) && name != null) {
            ObjectNode schema = inputSchemaOf.apply(name);
            if (schema != null) {
                checkParameterHeaders(request, schema, message.path("params").path("arguments"));
            }
        }
    }

    /**
     * A tool parameter whose schema says {@code "x-mcp-header": "Region"} travels in the header
     * {@code Mcp-Param-Region} too, so that a gateway can route on it; the header must then carry exactly the
     * argument's value, as text or as {@code =?base64?...?=} (for values that are not plain ASCII).
     */
    private static void checkParameterHeaders(HttpServerRequest request, ObjectNode schema, JsonNode arguments)
            throws McpError {
        for (Map.Entry<String, JsonNode> property : (Iterable<Map.Entry<String, JsonNode>>) schema.path("properties")
                ::fields) {
            JsonNode headerName = property.getValue().get(PARAM_KEYWORD);
            if (headerName == null || !headerName.isTextual()) {
                continue;
            }
            String header = PARAM_PREFIX + headerName.asText();
            String sent = strip(request.getHeader(header));
            JsonNode argument = arguments.get(property.getKey());
            if (argument == null || argument.isNull()) {
                if (sent != null) {
                    throw mismatch("The " + header + " header is sent but the argument " + property.getKey()
                            + " is not");
                }
                continue;
            }
            if (sent == null) {
                throw mismatch("Missing " + header + " header; the tool declares that its argument "
                        + property.getKey() + " travels in it too");
            }
            String expected = argument.isTextual() ? argument.asText() : argument.toString();
            if (!expected.equals(decoded(header, sent))) {
                throw mismatch("The " + header + " header does not match the argument " + property.getKey());
            }
        }
    }

    private static String decoded(String header, String value) throws McpError {
        if (!value.startsWith(BASE64_START) || !value.endsWith(BASE64_END)
                || value.length() < BASE64_START.length() + BASE64_END.length()) {
            return value; // no complete wrapper: the value is literal text
        }
        String encoded = value.substring(BASE64_START.length(), value.length() - BASE64_END.length());
        // Strict: the standard alphabet with its padding, so that one value has one encoding.
        if (encoded.length() % 4 != 0 || !encoded.matches("[A-Za-z0-9+/]*={0,2}")) {
            throw mismatch("The " + header + " header is not valid Base64 (standard alphabet, padded)");
        }
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw mismatch("The " + header + " header is not valid Base64");
        }
    }

    /**
     * The client's side of {@link #checkParameterHeaders}: the {@code Mcp-Param-<name>} headers a call of a tool with
     * this input schema must carry for these arguments.
     */
    public static Map<String, String> parameterHeaders(JsonNode inputSchema, JsonNode arguments) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (inputSchema == null || !inputSchema.path("properties").isObject()) {
            return out;
        }
        inputSchema.get("properties").fields().forEachRemaining(property -> {
            JsonNode headerName = property.getValue().get(PARAM_KEYWORD);
            JsonNode argument = arguments == null ? null : arguments.get(property.getKey());
            if (headerName != null && headerName.isTextual() && argument != null && !argument.isNull()) {
                out.put(PARAM_PREFIX + headerName.asText(), headerValue(argument.isTextual() ? argument.asText()
                        : argument.toString()));
            }
        });
        return out;
    }

    /**
     * A value as a header may carry it: as it is when it is visible ASCII without surrounding spaces, otherwise
     * wrapped as {@code =?base64?...?=} (UTF-8, standard alphabet), which {@link #decoded} reads back.
     */
    public static String headerValue(String value) {
        boolean plain = !value.isEmpty() && value.strip().equals(value) && !value.startsWith(BASE64_START);
        for (int i = 0; plain && i < value.length(); i++) {
            char c = value.charAt(i);
            plain = c >= 0x20 && c < 0x7f;
        }
        return plain ? value : BASE64_START + Base64.getEncoder().encodeToString(value.getBytes(
                StandardCharsets.UTF_8)) + BASE64_END;
    }

    /** What {@code Mcp-Name} must carry for a method, or null when the method names nothing. */
    public static String nameOf(String method, JsonNode params) {
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

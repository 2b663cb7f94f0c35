package io.toolgate.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON-RPC 2.0 message shapes and error codes. */
final class JsonRpc {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    // Revision 2026-07-28's own codes.
    static final int HEADER_MISMATCH = -32020;
    static final int MISSING_CLIENT_CAPABILITY = -32021;
    static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private JsonRpc() {
    }

    static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode message = JSON.objectNode();
        message.put("jsonrpc", "2.0");
        message.set("id", id);
        message.set("result", result);
        return message;
    }

    static ObjectNode error(JsonNode id, int code, String text) {
        return error(id, code, text, null);
    }

    static ObjectNode error(JsonNode id, int code, String text, JsonNode data) {
        ObjectNode message = JSON.objectNode();
        message.put("jsonrpc", "2.0");
        message.set("id", id == null ? NullNode.instance : id);
        ObjectNode error = message.putObject("error").put("code", code).put("message", text);
        if (data != null) {
            error.set("data", data);
        }
        return message;
    }

    /** A server-to-client request (elicitation, sampling, roots under the 2025 revisions). */
    static ObjectNode request(String id, String method, JsonNode params) {
        ObjectNode message = JSON.objectNode();
        message.put("jsonrpc", "2.0");
        message.put("id", id);
        message.put("method", method);
        message.set("params", params);
        return message;
    }

    static ObjectNode notification(String method, ObjectNode params) {
        ObjectNode message = JSON.objectNode();
        message.put("jsonrpc", "2.0");
        message.put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        return message;
    }

    /** A request id is a string or a number; null ids are not allowed in MCP. */
    static boolean validId(JsonNode id) {
        return id != null && (id.isTextual() || id.isIntegralNumber());
    }

    /**
     * A valid id as a map key: a string id and a number id with the same digits stay apart. Cheaper than
     * {@code toString()}, which runs a JSON writer for every call.
     */
    static String idKey(JsonNode id) {
        return id.isTextual() ? "s:" + id.asText() : "n:" + id.asText();
    }

    /** The id of a message as far as it can be read, for an error answer to a malformed one. */
    static JsonNode idOf(JsonNode message) {
        JsonNode id = message != null && message.isObject() ? message.get("id") : null;
        return validId(id) ? id : NullNode.instance;
    }
}

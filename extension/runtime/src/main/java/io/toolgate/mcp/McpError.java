package io.toolgate.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request the dispatcher answers with a JSON-RPC error; the message is for the client, never a stack trace.
 * {@code data} is the error's data member, or null.
 */
final class McpError extends Exception {

    private final int code;
    private final transient JsonNode data;

    McpError(int code, String message) {
        this(code, message, null);
    }

    McpError(int code, String message, JsonNode data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    int code() {
        return code;
    }

    JsonNode data() {
        return data;
    }
}

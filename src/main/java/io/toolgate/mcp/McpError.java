package io.toolgate.mcp;

/** A request the dispatcher answers with a JSON-RPC error; the message is for the client, never a stack trace. */
final class McpError extends Exception {

    private final int code;

    McpError(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    int code() {
        return code;
    }
}

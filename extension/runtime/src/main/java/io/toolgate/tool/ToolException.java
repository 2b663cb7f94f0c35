package io.toolgate.tool;

/**
 * Thrown by a tool to refuse a request with a message meant for the model ("customer 999 does not exist"). It
 * becomes a TOOL_REFUSED (422: the caller's arguments, not the server, are at fault) carrying this message, and is
 * neither retried nor counted against the circuit breaker.
 */
public class ToolException extends RuntimeException {

    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.toolgate.tool;

/**
 * Thrown by a tool to report a failure whose message is meant for the model ("customer 999 does not exist").
 * It becomes an EXECUTION_ERROR carrying exactly this message.
 */
public class ToolException extends RuntimeException {

    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}

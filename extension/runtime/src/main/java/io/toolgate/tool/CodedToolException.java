package io.toolgate.tool;

import io.toolgate.invoke.ErrorCode;

/**
 * A refusal that names its error code, for executors whose failures are the caller's doing rather than the
 * executor's: an MCP resource that does not exist is FUNCTION_NOT_FOUND, a path that breaks the confinement rules is
 * VALIDATION_ERROR. The message is passed on exactly. Being a {@link ToolException}, it is neither retried nor counted
 * against the circuit breaker.
 */
public class CodedToolException extends ToolException {

    private final ErrorCode code;

    public CodedToolException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}

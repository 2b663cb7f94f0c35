package io.toolgate.invoke;

/**
 * Every way a tool call can fail, with the HTTP status the REST door answers with. This is the one table: other
 * doors (MCP, batch, OpenAI/Anthropic messages) carry the code name and map it to their own wire form.
 */
public enum ErrorCode {
    FUNCTION_NOT_FOUND(404),
    INVALID_JSON(400),
    VALIDATION_ERROR(422),
    PAYLOAD_TOO_LARGE(413),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    RATE_LIMITED(429),
    BUSY(503),
    CIRCUIT_OPEN(503),
    TIMEOUT(504),
    EXECUTION_ERROR(500),
    // The caller withdrew the call; 499 is the de-facto "client closed request" status.
    CANCELLED(499),
    // The client must answer the tool's questions first (MCP 2026-07-28's input-required result); 428 Precondition
    // Required, though only MCP doors that can carry questions ever produce it.
    INPUT_REQUIRED(428),
    // The tool needs a client capability (sampling, elicitation, roots) the client did not declare.
    CLIENT_CAPABILITY_MISSING(400),
    UNKNOWN_ERROR(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}

package io.toolgate.invoke;

/**
 * Every way a tool call can fail, with the HTTP status the REST door answers with. This is the one table: other
 * doors (MCP, batch, OpenAI/Anthropic messages) carry the code name and map it to their own wire form. The status
 * says whose fault a failure is: 4xx what the caller caused (its arguments, its identity, its pace), 5xx what the
 * server or a service behind it did, so monitoring counts only the latter and nothing retries the former.
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
    // The tool refused these arguments with a message for the model (a ToolException: a path outside the files
    // root, a refused SQL statement or outbound destination, a program that exited with an error on this input).
    // 422 like VALIDATION_ERROR, which is the schema's refusal and names a field; this one is the tool's.
    TOOL_REFUSED(422),
    // An upstream MCP server's tool held back until an admin approves it: its definition changed since it was pinned,
    // or its description addresses the model with instructions. 409: the tool exists, its state forbids the call.
    TOOL_QUARANTINED(409),
    // A service the tool depends on failed (a declarative HTTP tool's service unreachable or answering 5xx, the
    // model behind the agent).
    UPSTREAM_ERROR(502),
    // The tool changes data and its write-ahead audit record could not be committed in time (the database is
    // unreachable): the tool did not run.
    AUDIT_UNAVAILABLE(503),
    // The database the tool reads or writes cannot be reached (no connection within the pool's acquisition timeout,
    // a connection refused or lost): the server's side, and a retry after the outage can succeed.
    DATABASE_UNAVAILABLE(503),
    // The tool failed unexpectedly: a fault of the server.
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

    /** Whether the caller caused it (a 4xx): for metrics and logs that must tell caller errors from server faults. */
    public boolean callerFault() {
        return httpStatus < 500;
    }
}

package io.toolgate.tool;

/**
 * A service the tool depends on failed (could not be reached, timed out, answered 5xx or 429): the call ends as
 * UPSTREAM_ERROR (502), neither the caller's fault nor Toolgate's. An IllegalStateException rather than a
 * ToolException on purpose: the pipeline retries it for idempotent tools and counts it against the circuit breaker.
 */
public class UpstreamException extends IllegalStateException {

    public UpstreamException(String message) {
        super(message);
    }
}

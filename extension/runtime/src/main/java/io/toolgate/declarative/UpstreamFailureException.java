package io.toolgate.declarative;

/**
 * The remote service could not be reached or failed on its side (connection error, time-out, 5xx, 429): an
 * UPSTREAM_ERROR, retried for idempotent tools and counted against the circuit breaker.
 */
public class UpstreamFailureException extends io.toolgate.tool.UpstreamException {

    public UpstreamFailureException(String message) {
        super(message);
    }
}

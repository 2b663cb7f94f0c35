package io.toolgate.declarative;

/**
 * The remote service could not be reached or failed on its side (connection error, time-out, 5xx, 429). An
 * IllegalStateException rather than a ToolException on purpose: the pipeline passes its message on, retries it for
 * idempotent tools and counts it against the circuit breaker.
 */
public class UpstreamFailureException extends IllegalStateException {

    public UpstreamFailureException(String message) {
        super(message);
    }
}

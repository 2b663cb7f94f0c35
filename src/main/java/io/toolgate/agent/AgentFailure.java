package io.toolgate.agent;

/** Ends an agent request with an {@link AgentError}; the message is written for the caller and holds no secret. */
final class AgentFailure extends RuntimeException {

    final AgentError error;
    /** Whether trying the model again may help (429, 5xx, no connection). */
    final boolean transientFailure;

    AgentFailure(AgentError error, String message) {
        this(error, message, false);
    }

    AgentFailure(AgentError error, String message, boolean transientFailure) {
        super(message, null, false, false);
        this.error = error;
        this.transientFailure = transientFailure;
    }
}

package io.toolgate.agent;

/** Ends an agent request with an {@link AgentError}; the message is written for the caller and holds no secret. */
final class AgentFailure extends RuntimeException {

    final AgentError error;

    AgentFailure(AgentError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }
}

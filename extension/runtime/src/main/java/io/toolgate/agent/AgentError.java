package io.toolgate.agent;

/** The agent endpoint's own failures (not a tool's), each with its one HTTP status. */
enum AgentError {
    /** The request is not a chat completion request this endpoint can serve. */
    INVALID_REQUEST(400),
    /** {@code toolgate.agent.enabled=false}. */
    AGENT_DISABLED(404),
    /** No model is configured; the message names the settings. */
    MODEL_NOT_CONFIGURED(503),
    /** The model answered with an error (after retries for 429 and 5xx). */
    MODEL_ERROR(502),
    /** The model could not be reached (after retries). */
    MODEL_UNREACHABLE(502),
    /** {@code toolgate.agent.deadline} passed before the loop finished. */
    AGENT_DEADLINE(504),
    /** A bug in Toolgate itself; details only in the server log. */
    INTERNAL_ERROR(500);

    final int httpStatus;

    AgentError(int httpStatus) {
        this.httpStatus = httpStatus;
    }
}

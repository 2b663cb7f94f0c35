package io.toolgate.agent;

import java.time.Duration;

/** The end of one agent request's time budget, checked before every model call and tool batch. */
final class Deadline {

    private final long endNanos;
    private final Duration budget;

    Deadline(Duration budget) {
        this.budget = budget;
        this.endNanos = System.nanoTime() + budget.toNanos();
    }

    long remainingMillis() {
        return Math.max(0, (endNanos - System.nanoTime()) / 1_000_000);
    }

    void check() {
        if (remainingMillis() <= 0 || Thread.currentThread().isInterrupted()) {
            throw expired();
        }
    }

    AgentFailure expired() {
        return new AgentFailure(AgentError.AGENT_DEADLINE, "The agent loop did not finish within "
                + budget.toMillis() + " ms (toolgate.agent.deadline)");
    }
}

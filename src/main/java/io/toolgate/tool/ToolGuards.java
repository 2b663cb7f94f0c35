package io.toolgate.tool;

import java.time.temporal.ChronoUnit;

import io.smallrye.faulttolerance.api.Guard;

/** Builds the SmallRye Fault Tolerance guard a tool's policy asks for. */
final class ToolGuards {

    private ToolGuards() {
    }

    static Guard create(String toolName, ToolPolicy policy) {
        return Guard.create()
                .withDescription("tool " + toolName)
                .withTimeout().duration(policy.timeout().toMillis(), ChronoUnit.MILLIS).done()
                // No queue: a full tool answers BUSY at once and the caller decides when to retry.
                .withBulkhead().limit(policy.maxConcurrency()).queueSize(1).done()
                .withThreadOffload(false)
                .build();
    }
}

package io.toolgate.workflow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * {@code toolgate.workflow.runs} (Prometheus {@code toolgate_workflow_runs_total}): runs entering a state, tagged
 * {@code workflow} and {@code state} (started, waiting_for_input, completed, failed, cancelled). Counted by the
 * instance that made the transition, so summing over instances counts each transition once.
 */
@Singleton
public class WorkflowMetrics {

    @Inject
    MeterRegistry registry;

    void transition(String workflow, RunState state) {
        Counter.builder("toolgate.workflow.runs")
                .description("Workflow runs entering a state")
                .tag("workflow", workflow)
                .tag("state", state.id())
                .register(registry)
                .increment();
    }
}

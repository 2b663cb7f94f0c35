package io.toolgate.workflow;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.toolgate.metrics.Meters;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Two views of workflow runs by state:
 * <ul>
 * <li>{@code toolgate.workflow.runs} (Prometheus {@code toolgate_workflow_runs_total}): runs entering a state, tagged
 * {@code workflow} and {@code state}; counted by the instance that made the transition, so summing over instances
 * counts each transition once;</li>
 * <li>{@code toolgate.workflow.runs.current} (Prometheus {@code toolgate_workflow_runs_current}): runs now in each
 * state, tagged {@code state}, as the database holds them, refreshed at every maintenance tick
 * ({@code toolgate.workflows.recovery-interval}). Every instance reads the same shared table, so take one
 * instance's value (or the max), not the sum.</li>
 * </ul>
 */
@Singleton
public class WorkflowMetrics {

    @Inject
    Meters meters;

    private final Map<RunState, AtomicLong> current = new EnumMap<>(RunState.class);

    @PostConstruct
    void registerCurrent() {
        for (RunState state : RunState.values()) {
            AtomicLong value = new AtomicLong();
            current.put(state, value);
            Gauge.builder("toolgate.workflow.runs.current", value, AtomicLong::get)
                    .description("Workflow runs now in each state, as stored in the database")
                    .tag("state", state.id())
                    .register(meters.registry());
        }
    }

    void transition(String workflow, RunState state) {
        Counter.builder("toolgate.workflow.runs")
                .description("Workflow runs entering a state")
                .tag("workflow", workflow)
                .tag("state", state.id())
                .register(meters.registry())
                .increment();
    }

    /** @param counts runs per state id, as {@link WorkflowStore#countByState()} reads them; absent states are 0 */
    void current(Map<String, Long> counts) {
        current.forEach((state, value) -> value.set(counts.getOrDefault(state.id(), 0L)));
    }
}

package io.toolgate.tool;

import io.smallrye.faulttolerance.api.Guard;

/**
 * A tool as the pipeline runs it: the definition plus what was derived from it once at registration, the compiled
 * argument schema and the fault-tolerance guard that holds its bulkhead, breaker and retry state.
 */
public record RegisteredTool(ToolDefinition definition, ArgumentSchema argumentSchema, Guard guard,
        BreakerClock breaker) {

    public String name() {
        return definition.name();
    }
}

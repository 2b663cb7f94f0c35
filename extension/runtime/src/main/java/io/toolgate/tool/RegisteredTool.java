package io.toolgate.tool;

import java.util.function.Supplier;

import io.smallrye.faulttolerance.api.Guard;

/**
 * A tool as the pipeline runs it: the definition plus what was derived from it once at registration, the compiled
 * argument schema and the fault-tolerance guard that holds its bulkhead, breaker and retry state.
 */
public record RegisteredTool(ToolDefinition definition, ArgumentSchema argumentSchema, LazyGuard guards,
        BreakerClock breaker) {

    public String name() {
        return definition.name();
    }

    /** The tool's one guard: its state (bulkhead, breaker) is shared by every call of this registration. */
    public Guard guard() {
        return guards.get();
    }

    /**
     * A guard built on first use: building SmallRye's guards (its builder, its CDI lookups and the first
     * {@code SecureRandom}, over a hundred classes) is start-up work that the first answer does not need, and the
     * background warm-up after start-up ({@link ToolWarmUp}) builds them before the first call in most cases.
     */
    public static final class LazyGuard {
        private final Supplier<Guard> build;
        private volatile Guard guard;

        LazyGuard(Supplier<Guard> build) {
            this.build = build;
        }

        Guard get() {
            Guard built = guard;
            if (built == null) {
                synchronized (this) {
                    built = guard;
                    if (built == null) {
                        built = build.get();
                        guard = built;
                    }
                }
            }
            return built;
        }
    }
}

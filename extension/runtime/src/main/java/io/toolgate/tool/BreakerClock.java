package io.toolgate.tool;

import java.time.Duration;
import java.util.Locale;

import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * Remembers a tool's circuit breaker state and when it last opened, so a caller can be told when it will let calls
 * through and an operator (GET /tools/{name}, the console) can see it.
 */
public final class BreakerClock {

    private final Duration openFor;
    private volatile long openedAtNanos;
    private volatile CircuitBreakerState state = CircuitBreakerState.CLOSED;

    BreakerClock(Duration openFor) {
        this.openFor = openFor;
    }

    void changed(CircuitBreakerState to) {
        if (to == CircuitBreakerState.OPEN) {
            openedAtNanos = System.nanoTime();
        }
        state = to;
    }

    /** closed, open or half_open, as the breaker last reported. */
    public String state() {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** Time until the breaker half-opens; at least one second, so clients do not spin. */
    public Duration remaining() {
        long left = openFor.toNanos() - (System.nanoTime() - openedAtNanos);
        return Duration.ofNanos(Math.max(left, 0)).compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : Duration.ofSeconds((long) Math.ceil(left / 1e9));
    }
}

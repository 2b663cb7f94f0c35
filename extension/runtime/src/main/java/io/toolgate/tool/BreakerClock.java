package io.toolgate.tool;

import java.time.Duration;

/** Remembers when a tool's circuit breaker last opened, so a caller can be told when it will let calls through. */
public final class BreakerClock {

    private final Duration openFor;
    private volatile long openedAtNanos;

    BreakerClock(Duration openFor) {
        this.openFor = openFor;
    }

    void opened() {
        openedAtNanos = System.nanoTime();
    }

    /** Time until the breaker half-opens; at least one second, so clients do not spin. */
    public Duration remaining() {
        long left = openFor.toNanos() - (System.nanoTime() - openedAtNanos);
        return Duration.ofNanos(Math.max(left, 0)).compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : Duration.ofSeconds((long) Math.ceil(left / 1e9));
    }
}

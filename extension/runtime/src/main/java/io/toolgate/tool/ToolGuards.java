package io.toolgate.tool;

import java.time.temporal.ChronoUnit;
import java.util.List;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.smallrye.faulttolerance.api.Guard;

/**
 * Builds the SmallRye Fault Tolerance guard a tool's policy asks for: retry (outermost), circuit breaker, timeout,
 * bulkhead, in SmallRye's fixed order.
 */
final class ToolGuards {

    /**
     * Failures that say something about the arguments or Toolgate's own limits, not about the tool's health: they are
     * neither retried nor counted against the breaker.
     */
    static final List<Class<? extends Throwable>> DETERMINISTIC = List.of(ToolException.class,
            IllegalArgumentException.class, BulkheadException.class, CircuitBreakerOpenException.class);

    private ToolGuards() {
    }

    /** @param inline the tool runs on the caller's thread, where a timeout must not interrupt */
    static Guard create(String toolName, ToolPolicy policy, BreakerClock clock, boolean inline) {
        Guard.Builder builder = Guard.create().withDescription("tool " + toolName);
        if (!inline) {
            builder.withTimeout().duration(policy.timeout().toMillis(), ChronoUnit.MILLIS).done();
        }
        builder
                // Synchronous calls are never queued: a full tool answers BUSY at once and the caller decides when to
                // retry. The queue only applies to asynchronous tools, and is kept short for the same reason.
                .withBulkhead().limit(policy.maxConcurrency()).queueSize(1).done()
                .withThreadOffload(false);
        ToolPolicy.Retry retry = policy.retry();
        if (retry.maxRetries() > 0) {
            builder.withRetry()
                    .maxRetries(retry.maxRetries())
                    .delay(Math.max(1, retry.delay().toMillis()), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .maxDuration(policy.worstCase().toMillis() + 1, ChronoUnit.MILLIS)
                    .abortOn(DETERMINISTIC)
                    // The backoff's own cap (1 minute by default) must not exceed maxDuration, or SmallRye refuses
                    // the guard on first use: tools with short timeouts would fail every call.
                    .withExponentialBackoff().factor(2)
                    .maxDelay(Math.max(1, policy.worstCase().toMillis()), ChronoUnit.MILLIS).done()
                    .done();
        }
        ToolPolicy.Breaker breaker = policy.breaker();
        if (breaker.enabled()) {
            builder.withCircuitBreaker()
                    .requestVolumeThreshold(breaker.requestVolume())
                    .failureRatio(breaker.failureRatio())
                    .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                    .skipOn(DETERMINISTIC)
                    .onStateChange(clock::changed)
                    .done();
        }
        return builder.build();
    }
}

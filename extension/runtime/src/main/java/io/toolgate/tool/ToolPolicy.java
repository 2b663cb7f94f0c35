package io.toolgate.tool;

import java.time.Duration;
import java.util.Set;

/**
 * How a tool is run, resolved once at registration from its annotation and configuration overrides.
 *
 * @param retry retries of transient failures; only tools marked idempotent get any by default
 * @param breaker the per-tool circuit breaker
 * @param roles a caller needs one of these to see and call the tool; empty for everyone
 * @param rateLimit calls per caller per period, or null for no per-tool limit
 * @param cache result caching for deterministic tools
 */
public record ToolPolicy(Duration timeout, int maxConcurrency, Retry retry, Breaker breaker, Set<String> roles,
        RateLimit rateLimit, ResultCache cache) {

    /**
     * A policy with the given timeout and bulkhead and no retries, breaker, roles or rate limit, for tools built in
     * code.
     */
    public ToolPolicy(Duration timeout, int maxConcurrency) {
        this(timeout, maxConcurrency, Retry.NONE, Breaker.OFF, Set.of(), null, ResultCache.OFF);
    }

    /**
     * Results of a deterministic tool are kept for {@code ttl}, keyed by the canonical JSON of the arguments, and by
     * the caller too when {@code perCaller} (results that depend on who asks).
     */
    public record ResultCache(boolean enabled, Duration ttl, long maxSize, boolean perCaller) {
        public static final ResultCache OFF = new ResultCache(false, Duration.ZERO, 0, false);
    }

    /** {@code capacity} calls per {@code period} for each caller, refilled gradually. */
    public record RateLimit(long capacity, Duration period) {
    }

    /** @param maxRetries 0 turns retries off; delays grow exponentially from {@code delay} */
    public record Retry(int maxRetries, Duration delay) {
        public static final Retry NONE = new Retry(0, Duration.ZERO);

        /** The longest a call can wait between attempts, summed over all retries. */
        Duration totalBackoff() {
            long total = 0;
            long d = delay.toMillis();
            for (int i = 0; i < maxRetries; i++, d *= 2) {
                total += d;
            }
            return Duration.ofMillis(total);
        }
    }

    /**
     * Opens after {@code failureRatio} of the last {@code requestVolume} calls failed, and stays open for
     * {@code delay} before letting a trial call through.
     */
    public record Breaker(boolean enabled, int requestVolume, double failureRatio, Duration delay) {
        public static final Breaker OFF = new Breaker(false, 0, 0, Duration.ZERO);
    }

    /** The longest one call can take under this policy: every attempt timing out, with every backoff between. */
    public Duration worstCase() {
        return timeout.multipliedBy(retry.maxRetries() + 1L).plus(retry.totalBackoff());
    }
}

package io.toolgate.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.toolgate.tool.ToolPolicy;

/**
 * Two Toolgate instances pointed at the real Redis on 127.0.0.1:6379 enforce one limit together: each has its own
 * connection and its own Bucket4j proxy manager, as two processes would.
 */
class SharedRateLimitTest {

    @Test
    void twoInstancesShareOneBucket() {
        RateLimits first = new RateLimits("redis", "redis://127.0.0.1:6379");
        RateLimits second = new RateLimits("redis", "redis://127.0.0.1:6379");
        try {
            String key = "test:" + UUID.randomUUID();
            ToolPolicy.RateLimit limit = new ToolPolicy.RateLimit(10, Duration.ofMinutes(1));
            int allowed = 0;
            for (int i = 0; i < 20; i++) {
                RateLimits instance = i % 2 == 0 ? first : second;
                if (instance.tryAcquire(key, limit).toCompletableFuture().join() == null) {
                    allowed++;
                }
            }
            assertThat(allowed).isEqualTo(10);
            Duration wait = second.tryAcquire(key, limit).toCompletableFuture().join();
            assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void inMemoryLimitsAreLocalToTheInstance() {
        RateLimits first = new RateLimits("memory", null);
        RateLimits second = new RateLimits("memory", null);
        ToolPolicy.RateLimit limit = new ToolPolicy.RateLimit(2, Duration.ofMinutes(1));
        assertThat(first.tryAcquire("k", limit).toCompletableFuture().join()).isNull();
        assertThat(first.tryAcquire("k", limit).toCompletableFuture().join()).isNull();
        assertThat(first.tryAcquire("k", limit).toCompletableFuture().join()).isNotNull();
        assertThat(second.tryAcquire("k", limit).toCompletableFuture().join()).isNull();
    }
}

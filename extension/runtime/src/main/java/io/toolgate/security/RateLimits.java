package io.toolgate.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.tool.ToolPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Token buckets (Bucket4j), one per key. In memory by default; with {@code toolgate.rate-limit.store=redis} the
 * buckets live in Redis, so every instance pointed at the same Redis enforces one limit together.
 */
@ApplicationScoped
public class RateLimits {

    private static final Logger LOG = Logger.getLogger(RateLimits.class);

    private final Cache<String, Bucket> local;
    private final RedisClient redis;
    private final AsyncProxyManager<byte[]> shared;

    @Inject
    public RateLimits(ToolgateConfig config) {
        this(config.rateLimit().store(), config.rateLimit().redisUri());
    }

    /** For a second, independent instance in tests: its own connection, like another process would have. */
    public RateLimits(String store, String redisUri) {
        if ("redis".equalsIgnoreCase(store)) {
            this.redis = RedisClient.create(redisUri);
            this.shared = Bucket4jLettuce.casBasedBuilder(redis)
                    .expirationAfterWrite(
                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .build().asAsync();
            this.local = null;
            LOG.infof("Rate limits are shared through Redis at %s", redisUri.replaceAll("//[^@/]*@", "//***@"));
        } else if ("memory".equalsIgnoreCase(store)) {
            this.redis = null;
            this.shared = null;
            this.local = newLocalBuckets();
        } else {
            throw new IllegalStateException("toolgate.rate-limit.store must be memory or redis, got " + store);
        }
    }

    /**
     * The in-memory buckets. Caffeine loads a generated class per combination of features reflectively, so
     * native/reflection-config.json lists the ones this builder gets (NativeReflectionConfigTest).
     */
    public static Cache<String, Bucket> newLocalBuckets() {
        return Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofHours(1)).build();
    }

    /**
     * Takes one token from the key's bucket.
     *
     * @return null when allowed, otherwise how long until a token is available
     */
    public CompletionStage<Duration> tryAcquire(String key, ToolPolicy.RateLimit limit) {
        if (local != null) {
            Bucket bucket = local.get(key + "|" + limit, k -> Bucket.builder().addLimit(bandwidth(limit)).build());
            return CompletableFuture.completedFuture(waitTime(bucket.tryConsumeAndReturnRemaining(1)));
        }
        byte[] redisKey = ("toolgate:rate:" + key).getBytes(StandardCharsets.UTF_8);
        BucketConfiguration configuration = BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
        return shared.builder().build(redisKey, () -> CompletableFuture.completedFuture(configuration))
                .tryConsumeAndReturnRemaining(1)
                .thenApply(RateLimits::waitTime);
    }

    private static Bandwidth bandwidth(ToolPolicy.RateLimit limit) {
        return Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()).build();
    }

    private static Duration waitTime(ConsumptionProbe probe) {
        return probe.isConsumed() ? null : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    @PreDestroy
    public void close() {
        if (redis != null) {
            redis.shutdown();
        }
    }
}

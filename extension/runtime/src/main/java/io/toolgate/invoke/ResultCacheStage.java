package io.toolgate.invoke;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.toolgate.metrics.ToolMetrics;
import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolPolicy;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/**
 * Serves a deterministic tool's earlier result for the same arguments. It sits after authorization and rate
 * limiting, so a cached call is still checked, counted and audited; only the tool itself is skipped. Keys are the
 * arguments' canonical JSON (properties sorted), plus the caller when results depend on who asks. Only successes are
 * kept.
 */
@Singleton
public class ResultCacheStage implements Stage {

    private final ObjectMapper canonical;
    private final ToolMetrics metrics;
    // One Caffeine cache per registered tool, built from the tool's policy on first use.
    private final ConcurrentHashMap<RegisteredTool, Cache<String, Outcome>> caches = new ConcurrentHashMap<>();

    @Inject
    public ResultCacheStage(ObjectMapper mapper, ToolMetrics metrics) {
        this.canonical = mapper.copy().configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true);
        this.metrics = metrics;
    }

    @Override
    public CompletionStage<Outcome> handle(Invocation call, Chain next) {
        RegisteredTool tool = call.tool();
        ToolPolicy.ResultCache policy = tool.definition().policy().cache();
        if (!policy.enabled()) {
            return next.proceed(call);
        }
        String key;
        try {
            key = canonical.writeValueAsString(call.arguments());
        } catch (JsonProcessingException e) {
            return next.proceed(call);
        }
        if (policy.perCaller()) {
            key = call.principal() + "\u0000" + key;
        }
        Cache<String, Outcome> cache = caches.computeIfAbsent(tool, t -> newCache(policy));
        Outcome cached = cache.getIfPresent(key);
        ToolMetrics.PerTool meters = metrics.of(tool.name());
        meters.cache(cached != null);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached.copy());
        }
        String k = key;
        return next.proceed(call).thenApply(outcome -> {
            if (outcome.isSuccess()) {
                cache.put(k, outcome);
            }
            return outcome;
        });
    }

    /**
     * A tool's result cache. Caffeine picks a generated class for each combination of features and loads it
     * reflectively, so native/reflection-config.json lists the ones this builder gets (NativeReflectionConfigTest).
     */
    public static Cache<String, Outcome> newCache(ToolPolicy.ResultCache policy) {
        return Caffeine.newBuilder().maximumSize(policy.maxSize()).expireAfterWrite(policy.ttl()).build();
    }

    /** Drops a tool's cached results, for when the tool is replaced or removed. */
    public void forget(RegisteredTool tool) {
        caches.remove(tool);
    }
}

package io.toolgate.security;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.toolgate.config.ToolgateConfig;
import io.toolgate.invoke.ErrorCode;
import io.toolgate.invoke.Invocation;
import io.toolgate.invoke.Outcome;
import io.toolgate.invoke.Stage;
import io.toolgate.tool.ToolPolicy;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/**
 * Per caller overall ({@code toolgate.rate-limit.per-caller}) and per caller per tool
 * ({@code toolgate.tools."<name>".rate-limit}): an exceeded limit is RATE_LIMITED with when to retry.
 */
@Singleton
public class RateLimitStage implements Stage {

    private final RateLimits limits;
    private final ToolPolicy.RateLimit perCaller;

    @Inject
    public RateLimitStage(RateLimits limits, ToolgateConfig config) {
        this.limits = limits;
        ToolgateConfig.RateLimit rl = config.rateLimit();
        this.perCaller = rl.perCaller().isPresent()
                ? new ToolPolicy.RateLimit(rl.perCaller().getAsLong(), rl.perCallerPeriod())
                : null;
    }

    @Override
    public CompletionStage<Outcome> handle(Invocation call, Chain next) {
        ToolPolicy.RateLimit perTool = call.tool().definition().policy().rateLimit();
        if (perCaller == null && perTool == null) {
            return next.proceed(call);
        }
        CompletionStage<Duration> overall = perCaller == null ? CompletableFuture.completedFuture(null)
                : limits.tryAcquire("caller:" + call.principal(), perCaller);
        return overall.thenCompose(wait -> {
            if (wait != null) {
                return CompletableFuture.completedFuture(limited(call, wait, "all tools"));
            }
            if (perTool == null) {
                return next.proceed(call);
            }
            return limits.tryAcquire("tool:" + call.toolName() + ":" + call.principal(), perTool)
                    .thenCompose(toolWait -> toolWait == null ? next.proceed(call)
                            : CompletableFuture.completedFuture(limited(call, toolWait, "tool '" + call.toolName()
                                    + "' (" + perTool.capacity() + " calls per " + perTool.period().toSeconds()
                                    + " s)")));
        });
    }

    private static Outcome limited(Invocation call, Duration wait, String scope) {
        Duration retryAfter = Duration.ofSeconds(Math.max(1, (wait.toMillis() + 999) / 1000));
        return Outcome.failure(ErrorCode.RATE_LIMITED, "Rate limit of caller '" + call.principal() + "' for " + scope
                + " reached; retry after " + retryAfter.toSeconds() + " s", retryAfter);
    }
}

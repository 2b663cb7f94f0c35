package io.toolgate.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.toolgate.invoke.ErrorCode;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/**
 * Per-tool meters, created once per tool and kept, so a call costs a map lookup and a few increments rather than a
 * registry search. Calls to unknown tools share the tool tag {@code (unknown)}: a model's misspellings must not
 * create a time series each.
 */
@Singleton
public class ToolMetrics {

    public static final String UNKNOWN_TOOL = "(unknown)";

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, PerTool> tools = new ConcurrentHashMap<>();

    @Inject
    public ToolMetrics(Meters meters) {
        this.registry = meters.registry();
    }

    /** Meters of one tool. */
    public final class PerTool {
        private final String tool;
        private final Timer duration;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final Counter success;
        private final Counter[] errors = new Counter[ErrorCode.values().length];
        private final Counter bulkheadRejections;
        private final Counter rateLimited;
        private final Counter cacheHits;
        private final Counter cacheMisses;

        private PerTool(String tool) {
            this.tool = tool;
            this.duration = Timer.builder("toolgate.tool.duration").description("Tool call latency, whole pipeline")
                    .tag("tool", tool).publishPercentiles(0.5, 0.95, 0.99).register(registry);
            Gauge.builder("toolgate.tool.in.flight", inFlight, AtomicInteger::get)
                    .description("Calls of the tool under way").tag("tool", tool).register(registry);
            this.success = calls("success", "none", "none");
            for (ErrorCode code : ErrorCode.values()) {
                errors[code.ordinal()] = calls("error", code.name(), code.callerFault() ? "caller" : "server");
            }
            this.bulkheadRejections = Counter.builder("toolgate.tool.bulkhead.rejections")
                    .description("Calls refused because the tool's bulkhead was full").tag("tool", tool)
                    .register(registry);
            this.rateLimited = Counter.builder("toolgate.tool.rate.limited")
                    .description("Calls refused by a rate limit").tag("tool", tool).register(registry);
            this.cacheHits = cache("hit");
            this.cacheMisses = cache("miss");
        }

        /** @param fault whose fault an error is (caller: a 4xx, server: a 5xx), so alerts can watch only the latter */
        private Counter calls(String outcome, String code, String fault) {
            return Counter.builder("toolgate.tool.calls").description("Tool calls by outcome and error code")
                    .tag("tool", tool).tag("outcome", outcome).tag("code", code).tag("fault", fault)
                    .register(registry);
        }

        private Counter cache(String result) {
            return Counter.builder("toolgate.tool.cache").description("Result cache lookups")
                    .tag("tool", tool).tag("result", result).register(registry);
        }

        public void started() {
            inFlight.incrementAndGet();
        }

        public void finished(ErrorCode code, long nanos) {
            inFlight.decrementAndGet();
            duration.record(nanos, TimeUnit.NANOSECONDS);
            if (code == null) {
                success.increment();
                return;
            }
            errors[code.ordinal()].increment();
            if (code == ErrorCode.BUSY) {
                bulkheadRejections.increment();
            } else if (code == ErrorCode.RATE_LIMITED) {
                rateLimited.increment();
            }
        }

        public void cache(boolean hit) {
            (hit ? cacheHits : cacheMisses).increment();
        }
    }

    /** @param tool a registered tool's name, or {@link #UNKNOWN_TOOL} */
    public PerTool of(String tool) {
        return tools.computeIfAbsent(tool, PerTool::new);
    }
}

package io.toolgate.discovery;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.toolgate.metrics.Meters;
import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolFormats;
import io.toolgate.tool.ToolRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What discovery costs, as meters: per tool, the tokens its definition costs (gauge
 * {@code toolgate.tool.definition.tokens}, OpenAI's Chat Completions format); per offer a door makes to a model, how
 * many tools and how many tokens it offered (summaries {@code toolgate.discovery.offered.tools} and
 * {@code toolgate.discovery.offered.tokens}, tagged with the door: {@code mcp}, {@code mcp_search}, {@code agent}).
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // the per-tool gauges exist from the start, not from the first offer
public class DiscoveryMetrics {

    private final MeterRegistry meters;
    private final ToolRegistry registry;
    private final Map<String, Meter> gauges = new ConcurrentHashMap<>();

    @Inject
    public DiscoveryMetrics(Meters meters, ToolRegistry registry) {
        this.meters = meters.registry();
        this.registry = registry;
        registry.onChange(this::followRegistry);
        followRegistry();
    }

    public void offered(String door, int tools, int tokens) {
        DistributionSummary.builder("toolgate.discovery.offered.tools").tag("door", door)
                .description("Tools offered to a model per request").register(meters).record(tools);
        DistributionSummary.builder("toolgate.discovery.offered.tokens").tag("door", door).baseUnit("tokens")
                .description("Tokens of the tool definitions offered to a model per request").register(meters)
                .record(tokens);
    }

    /** One gauge per registered tool; a tool that leaves takes its gauge along. */
    private synchronized void followRegistry() {
        Set<String> now = new java.util.HashSet<>();
        for (RegisteredTool tool : registry.all()) {
            String name = tool.name();
            now.add(name);
            gauges.computeIfAbsent(name, n -> Gauge.builder("toolgate.tool.definition.tokens", registry,
                    r -> r.find(n).map(t -> (double) TokenCost.of(t.definition(), ToolFormats.Format.OPENAI))
                            .orElse(Double.NaN))
                    .tag("tool", n).baseUnit("tokens")
                    .description("Tokens the tool's definition costs a model (OpenAI format)").register(meters));
        }
        gauges.keySet().removeIf(name -> {
            if (now.contains(name)) {
                return false;
            }
            meters.remove(gauges.get(name));
            return true;
        });
    }
}

package io.toolgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.demo.BenchmarkTools;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.toolgate.invoke.ArgumentBindingStage;
import io.toolgate.invoke.ArgumentRedactor;
import io.toolgate.invoke.ResultCacheStage;
import io.toolgate.metrics.Meters;
import io.toolgate.metrics.ToolMetrics;
import io.toolgate.security.AuditLog;
import io.toolgate.security.AuthorizationStage;
import io.toolgate.security.RateLimitStage;
import io.toolgate.security.RateLimits;
import io.toolgate.invoke.ArgumentParsingStage;
import io.toolgate.invoke.BatchExecutor;
import io.toolgate.invoke.CallHistory;
import io.toolgate.invoke.CallRecords;
import io.toolgate.invoke.GuardedExecutionStage;
import io.toolgate.invoke.InvocationPipeline;
import io.toolgate.invoke.JsonReading;
import io.toolgate.invoke.ObservationStage;
import io.toolgate.invoke.ResultLimitStage;
import io.toolgate.invoke.SchemaValidationStage;
import io.toolgate.invoke.ToolResolutionStage;
import io.toolgate.invoke.ToolThreads;
import io.toolgate.invoke.WriteAheadAuditStage;
import io.toolgate.tool.MethodTools;
import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolPolicy;
import io.toolgate.tool.ToolRegistry;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

/**
 * Toolgate's real pipeline, wired by hand instead of by CDI, with the benchmark tools registered. The classes are
 * the production ones; only the wiring differs.
 */
final class EmbeddedPipeline {

    final InvocationPipeline pipeline;
    final BatchExecutor batch;
    final ToolThreads threads;

    EmbeddedPipeline() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                // The audit log needs a database; the benchmark measures the pipeline without one.
                .withSources(new io.smallrye.config.PropertiesConfigSource(
                        java.util.Map.of("toolgate.audit.enabled", "false"), "bench", 500))
                .withConverter(java.time.Duration.class, 100, EmbeddedPipeline::duration)
                .withConverter(io.quarkus.runtime.configuration.MemorySize.class, 100,
                        new io.quarkus.runtime.configuration.MemorySizeConverter())
                .withMapping(ToolgateConfig.class)
                .build();
        ToolgateConfig toolgate = config.getConfigMapping(ToolgateConfig.class);
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        Validator validator = Validation.byDefaultProvider().configure()
                .messageInterpolator(new org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator())
                .buildValidatorFactory().getValidator();
        ToolRegistry registry = new ToolRegistry(toolgate);
        MethodTools methodTools = new MethodTools(mapper, validator);
        BenchmarkTools tools = new BenchmarkTools();
        for (var method : BenchmarkTools.class.getMethods()) {
            if (method.isAnnotationPresent(io.toolgate.tool.Tool.class)) {
                ToolDefinition d = methodTools.define(tools, method);
                // A batch of 100 concurrent calls needs a bulkhead above the default of 64.
                ToolPolicy policy = new ToolPolicy(d.policy().timeout(), 128, d.policy().retry(), null,
                        d.policy().roles(), null, d.policy().cache());
                registry.register(new ToolDefinition(d.name(), d.title(), d.description(), d.inputSchema(),
                        d.outputSchema(), d.hints(), policy, d.executor(), d.origin()));
            }
        }
        threads = new ToolThreads();
        JsonReading json = new JsonReading(mapper, toolgate);
        Meters meters = new Meters(new SimpleMeterRegistry());
        ToolMetrics metrics = new ToolMetrics(meters);
        AuditLog audit = new AuditLog(null, toolgate, meters);
        CallRecords records = new CallRecords(new ArgumentRedactor(toolgate));
        ObservationStage observe = new ObservationStage(new CallHistory(toolgate), audit, records, metrics, registry);
        pipeline = new InvocationPipeline(observe,
                new ToolResolutionStage(registry), new AuthorizationStage(),
                new RateLimitStage(new RateLimits(toolgate), toolgate), new ArgumentParsingStage(json),
                new SchemaValidationStage(), new ArgumentBindingStage(), new ResultCacheStage(mapper, metrics),
                new WriteAheadAuditStage(audit, records, threads),
                new ResultLimitStage(toolgate, mapper), new GuardedExecutionStage(threads, mapper));
        batch = new BatchExecutor(pipeline);
    }

    // Quarkus reads "30s" and "100ms" with its own converter, which is not on this classpath.
    private static java.time.Duration duration(String value) {
        String v = value.strip();
        if (v.endsWith("ms")) {
            return java.time.Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        long n = v.matches("\\d+[smhd]") ? Long.parseLong(v.substring(0, v.length() - 1)) : -1;
        return switch (n < 0 ? ' ' : v.charAt(v.length() - 1)) {
            case 's' -> java.time.Duration.ofSeconds(n);
            case 'm' -> java.time.Duration.ofMinutes(n);
            case 'h' -> java.time.Duration.ofHours(n);
            case 'd' -> java.time.Duration.ofDays(n);
            default -> java.time.Duration.parse(v);
        };
    }
}

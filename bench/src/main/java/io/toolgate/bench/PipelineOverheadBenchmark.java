package io.toolgate.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.toolgate.invoke.Door;
import io.toolgate.invoke.Invocation;
import io.toolgate.invoke.Outcome;

/**
 * One call of the 3-argument {@code add_numbers} tool through the whole pipeline: resolve, parse the model's
 * arguments string, schema validation, binding and Bean Validation, the fault-tolerance guard, the hop to the tool's
 * thread and back, history. Sampled, so the report shows the median and tail per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PipelineOverheadBenchmark {

    private static final String ARGUMENTS = "{\"a\": 2, \"b\": 3, \"c\": 4}";

    private EmbeddedPipeline embedded;

    @Setup
    public void start() {
        embedded = new EmbeddedPipeline();
        Outcome check = call();
        if (!check.isSuccess() || check.result().asLong() != 9) {
            throw new IllegalStateException("add_numbers did not answer 9: " + check.message());
        }
    }

    /** {@code add_numbers} is {@code nonBlocking}: it runs on the caller's thread. */
    @Benchmark
    public Outcome invokeThreeArgumentTool() {
        return call();
    }

    /** A blocking tool for comparison: the same stages plus the hop to a virtual thread and back, and a timeout. */
    @Benchmark
    public Outcome invokeBlockingTool() {
        return embedded.pipeline.invoke(Invocation.builder("simulate_latency", Door.INTERNAL)
                .arguments("{\"millis\": 0}").build()).toCompletableFuture().join();
    }

    private Outcome call() {
        return embedded.pipeline.invoke(Invocation.builder("add_numbers", Door.INTERNAL).arguments(ARGUMENTS).build())
                .toCompletableFuture().join();
    }
}

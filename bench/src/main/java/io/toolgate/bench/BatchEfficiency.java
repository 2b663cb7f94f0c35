package io.toolgate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.toolgate.invoke.BatchExecutor.BatchResult;
import io.toolgate.invoke.Door;
import io.toolgate.invoke.ToolCallRequest;

/**
 * Batch efficiency: ideal wall time (the slowest call, 200 ms) divided by the measured wall time, for batches of 10
 * and 100 calls of a 200 ms tool, through the real batch executor and pipeline. Prints medians of repeated runs.
 */
public final class BatchEfficiency {

    private static final long TOOL_MS = 200;

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        EmbeddedPipeline embedded = new EmbeddedPipeline();
        System.out.println("blocking tools run on " + (embedded.threads.virtual() ? "virtual threads" : "worker pool")
                + ", JDK " + Runtime.version());
        for (int size : new int[] { 10, 100 }) {
            run(embedded, size, 3); // warm-up
            double[] walls = run(embedded, size, runs);
            Arrays.sort(walls);
            double median = walls[walls.length / 2];
            System.out.printf("batch of %3d x %d ms: median wall %.1f ms (min %.1f, max %.1f), efficiency %.3f%n",
                    size, TOOL_MS, median, walls[0], walls[walls.length - 1], TOOL_MS / median);
        }
        System.exit(0);
    }

    private static double[] run(EmbeddedPipeline embedded, int size, int runs) {
        double[] walls = new double[runs];
        for (int r = 0; r < runs; r++) {
            List<ToolCallRequest> calls = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                calls.add(new ToolCallRequest("call_" + i, "simulate_latency", "{\"millis\":" + TOOL_MS + "}", null));
            }
            BatchResult result = embedded.batch.execute(calls, Door.INTERNAL, null, null, Duration.ofSeconds(30))
                    .toCompletableFuture().join();
            long failed = result.results().stream().filter(c -> !c.outcome().isSuccess()).count();
            if (failed > 0) {
                throw new IllegalStateException(failed + " calls failed: "
                        + result.results().stream().filter(c -> !c.outcome().isSuccess()).findFirst().get()
                                .outcome().message());
            }
            walls[r] = result.wallTimeMillis();
        }
        return walls;
    }
}

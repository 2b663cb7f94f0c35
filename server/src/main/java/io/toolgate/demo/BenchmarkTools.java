package io.toolgate.demo;

import io.toolgate.tool.Tool;
import io.toolgate.tool.ToolParam;
import jakarta.enterprise.context.ApplicationScoped;

/** Trivial tools whose cost is all Toolgate's own, for measuring the pipeline and the doors. */
@ApplicationScoped
@DemoToolset(benchmark = true)
public class BenchmarkTools {

    @Tool(name = "add_numbers", readOnly = true, idempotent = true, nonBlocking = true,
            description = "Adds three whole numbers and returns their sum; used to measure Toolgate's overhead.")
    public long addNumbers(@ToolParam(description = "The first whole number to add to the others") long a,
            @ToolParam(description = "The second whole number to add to the others") long b,
            @ToolParam(description = "The third whole number to add to the others") long c) {
        return a + b + c;
    }

    @Tool(name = "simulate_latency", readOnly = true, idempotent = true,
            description = "Waits the given number of milliseconds, like a slow backend call, then reports it.")
    public String simulateLatency(@ToolParam(description = "How long to wait, in milliseconds, at most 10000")
            @jakarta.validation.constraints.Min(0) @jakarta.validation.constraints.Max(10_000) long millis)
            throws InterruptedException {
        Thread.sleep(millis);
        return "waited " + millis + " ms";
    }
}

package io.toolgate.workflow;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.toolgate.tool.Tool;
import io.toolgate.tool.ToolException;
import io.toolgate.tool.ToolParam;
import jakarta.enterprise.context.ApplicationScoped;

/** Tools the workflow tests build runs from: counted, failing on purpose, slow, or answering a fixed total. */
@ApplicationScoped
public class WorkflowTestTools {

    /** How often each label's tool body ran, read by the tests through {@link #runs}. */
    static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    static int runs(String label) {
        AtomicInteger n = RUNS.get(label);
        return n == null ? 0 : n.get();
    }

    @Tool(name = "record_visit", description = "Counts how often it ran for a label and returns that count.")
    public Map<String, Object> recordVisit(@ToolParam(description = "Label whose visits are counted") String label) {
        int n = RUNS.computeIfAbsent(label, k -> new AtomicInteger()).incrementAndGet();
        return Map.of("label", label, "count", n);
    }

    @Tool(name = "fail_first_times", description = "Fails for the first given number of calls with a key, then works.")
    public Map<String, Object> failFirstTimes(@ToolParam(description = "Key that identifies one sequence of attempts") String key,
            @ToolParam(description = "How many calls fail before one succeeds") int failures) {
        int n = RUNS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        if (n <= failures) {
            throw new ToolException("planned failure " + n + " of " + failures + " for " + key);
        }
        return Map.of("key", key, "calls", n);
    }

    @Tool(name = "pause_then_answer", timeoutMs = 10_000,
            description = "Waits the given number of milliseconds, counts the run for a label, then answers.")
    public Map<String, Object> pauseThenAnswer(@ToolParam(description = "How long to wait, in milliseconds") long millis,
            @ToolParam(description = "Label whose runs are counted") String label) throws InterruptedException {
        RUNS.computeIfAbsent(label, k -> new AtomicInteger()).incrementAndGet();
        Thread.sleep(millis);
        return Map.of("label", label, "slept_ms", millis);
    }

    @Tool(name = "quote_fixed_total", readOnly = true, idempotent = true,
            description = "Answers a price quote with the given total and one line of product LAP-001.")
    public Map<String, Object> quoteFixedTotal(@ToolParam(description = "The total the quote should carry") BigDecimal total) {
        return Map.of("total", total, "lines",
                java.util.List.of(Map.of("product_id", "LAP-001", "quantity", 1, "unit_price", total)));
    }
}

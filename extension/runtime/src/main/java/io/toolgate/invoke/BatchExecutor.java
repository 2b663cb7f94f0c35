package io.toolgate.invoke;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import io.toolgate.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Runs the tool calls of one model response concurrently through the pipeline and returns their outcomes in input
 * order. Each call is independent: one failing, timing out or being rejected changes nothing for the others. Calls
 * unfinished at the batch deadline are reported as TIMEOUT.
 */
@ApplicationScoped
public class BatchExecutor {

    public record CallResult(ToolCallRequest request, Outcome outcome) {
    }

    public record BatchResult(List<CallResult> results, long wallTimeNanos) {
        public double wallTimeMillis() {
            return Math.round(wallTimeNanos / 10_000.0) / 100.0;
        }
    }

    private final InvocationPipeline pipeline;

    @Inject
    public BatchExecutor(InvocationPipeline pipeline) {
        this.pipeline = pipeline;
    }

    public CompletionStage<BatchResult> execute(List<ToolCallRequest> calls, Door door, Caller caller,
            String requestId, Duration deadline) {
        long start = System.nanoTime();
        List<CompletableFuture<Outcome>> pending = new ArrayList<>(calls.size());
        for (ToolCallRequest call : calls) {
            pending.add(start(call, door, caller, requestId, deadline));
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<CallResult> results = new ArrayList<>(calls.size());
            for (int i = 0; i < calls.size(); i++) {
                results.add(new CallResult(calls.get(i), pending.get(i).join()));
            }
            return new BatchResult(results, System.nanoTime() - start);
        });
    }

    private CompletableFuture<Outcome> start(ToolCallRequest call, Door door, Caller caller, String requestId,
            Duration deadline) {
        if (call.malformed() != null) {
            return CompletableFuture.completedFuture(Outcome.failure(ErrorCode.VALIDATION_ERROR, call.malformed()));
        }
        CallControl control = CallControl.cancellable();
        Invocation invocation = Invocation.builder(call.name(), door).arguments(call.arguments())
                .toolCallId(call.id()).caller(caller).requestId(requestId).control(control).build();
        CompletableFuture<Outcome> running = pipeline.invoke(invocation).toCompletableFuture();
        CompletableFuture<Outcome> answer = running.copy()
                .completeOnTimeout(Outcome.failure(ErrorCode.TIMEOUT, "The batch deadline of " + deadline.toMillis()
                        + " ms passed before tool '" + call.name() + "' finished"), deadline.toMillis(),
                        TimeUnit.MILLISECONDS);
        // A call the batch gave up on is stopped too, so it frees its thread and bulkhead slot (audited CANCELLED).
        answer.thenRun(() -> {
            if (!running.isDone()) {
                control.cancel();
            }
        });
        return answer;
    }
}

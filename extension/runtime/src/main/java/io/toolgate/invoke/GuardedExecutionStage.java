package io.toolgate.invoke;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.toolgate.tool.PreparedCall;
import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolProgress;
import jakarta.inject.Singleton;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;

/**
 * The last stage: runs the prepared call under the tool's SmallRye Fault Tolerance guard. Blocking tools run on a
 * {@link ToolThreads} thread with a synchronous guard, so a timeout interrupts that thread; asynchronous tools are
 * guarded as CompletionStages on the caller's thread; {@code nonBlocking} synchronous tools run on the caller's
 * thread with no thread hop. A door's {@link CallControl} cancels blocking and asynchronous calls and receives the
 * tool's {@link ToolProgress} reports.
 */
@Singleton
public class GuardedExecutionStage implements Stage {

    private static final TypeLiteral<CompletionStage<Object>> ASYNC = new TypeLiteral<>() {
    };
    // A tool that ignores interruption cannot hold its caller past the deadline by more than this.
    private static final long HARD_DEADLINE_GRACE_MS = 250;

    private final ToolThreads threads;
    private final ObjectMapper results;

    @Inject
    public GuardedExecutionStage(ToolThreads threads, ObjectMapper mapper) {
        this.threads = threads;
        // Absent values are left out so that structured results conform to the generated output schema.
        // Exact decimals keep money as 100.00; the default node factory would normalise it to 1E+2.
        this.results = mapper.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    }

    @Override
    public CompletionStage<Outcome> handle(Invocation call, Chain next) {
        RegisteredTool tool = call.tool();
        PreparedCall prepared = call.preparedCall();
        if (tool.definition().executor().inline()) {
            try {
                return CompletableFuture.completedFuture(success(tool.guard().call(prepared::call, Object.class)));
            } catch (Throwable t) {
                return CompletableFuture.completedFuture(FailureTranslation.translate(t, tool, call));
            }
        }
        CallControl control = call.control();
        if (tool.definition().executor().blocking()) {
            CompletableFuture<Outcome> outcome = new CompletableFuture<>();
            control.onCancel(() -> outcome.complete(FailureTranslation.cancelled(tool)));
            threads.execute(() -> {
                control.attach(Thread.currentThread());
                Runnable unbind = control.bindToThread();
                try {
                    outcome.complete(success(tool.guard().call(prepared::call, Object.class)));
                } catch (Throwable t) {
                    // A cancellation interrupts this thread before its listener runs: report it as such, not as the
                    // timeout the interrupted guard reports.
                    outcome.complete(control.cancelled() ? FailureTranslation.cancelled(tool)
                            : FailureTranslation.translate(t, tool, call));
                } finally {
                    control.detach();
                    unbind.run();
                    // A pooled thread must not carry a late cancellation's interrupt into its next task.
                    Thread.interrupted();
                }
            });
            long deadline = tool.definition().policy().worstCase().toMillis() + HARD_DEADLINE_GRACE_MS;
            return outcome.completeOnTimeout(FailureTranslation.timeout(tool), deadline, TimeUnit.MILLISECONDS);
        }
        Runnable unbind = control.bindToThread();
        try {
            @SuppressWarnings("unchecked")
            CompletionStage<Object> stage = tool.guard().call(() -> (CompletionStage<Object>) prepared.call(), ASYNC);
            CompletableFuture<Outcome> outcome = stage.handle((value, failure) -> failure == null ? success(value)
                    : FailureTranslation.translate(failure, tool, call)).toCompletableFuture();
            control.onCancel(() -> {
                outcome.complete(FailureTranslation.cancelled(tool));
                stage.toCompletableFuture().cancel(true);
            });
            return outcome;
        } catch (Exception e) {
            return CompletableFuture.completedFuture(FailureTranslation.translate(e, tool, call));
        } finally {
            unbind.run();
        }
    }

    private Outcome success(Object value) {
        return Outcome.success(toTree(value));
    }

    // The common scalar results skip valueToTree, which serialises through a token buffer even for a number.
    private JsonNode toTree(Object value) {
        if (value == null) {
            return NullNode.instance;
        }
        if (value instanceof JsonNode json) {
            return json;
        }
        if (value instanceof String text) {
            return TextNode.valueOf(text);
        }
        if (value instanceof Long number) {
            // As valueToTree reads it back: the smallest node that holds the number.
            long n = number;
            return n == (int) n ? IntNode.valueOf((int) n) : LongNode.valueOf(n);
        }
        if (value instanceof Integer number) {
            return IntNode.valueOf(number);
        }
        if (value instanceof Boolean flag) {
            return BooleanNode.valueOf(flag);
        }
        return results.valueToTree(value);
    }
}

package io.toolgate.invoke;

import java.util.List;
import java.util.concurrent.CompletionStage;

import io.toolgate.security.AuthorizationStage;
import io.toolgate.security.RateLimitStage;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/**
 * The one path every tool call takes, whatever door it came through. The stage order below is the whole story of
 * a call; a door builds an {@link Invocation}, calls {@link #invoke}, and renders the {@link Outcome}.
 */
@Singleton
public class InvocationPipeline {

    private final Stage.Chain head;

    @Inject
    public InvocationPipeline(ObservationStage observe, ToolResolutionStage resolve, AuthorizationStage authorize,
            RateLimitStage rateLimit, ArgumentParsingStage parse,
            SchemaValidationStage validateSchema, ArgumentBindingStage bind, ResultCacheStage cache,
            WriteAheadAuditStage writeAhead, ResultLimitStage limitResult,
            GuardedExecutionStage execute) {
        List<Stage> order = List.of(
                observe, // time, history, audit: sees every outcome, including failures of the stages below
                resolve, // FUNCTION_NOT_FOUND
                authorize, // FORBIDDEN: the caller lacks the tool's roles
                rateLimit, // RATE_LIMITED: per caller, and per caller and tool
                parse, // INVALID_JSON, PAYLOAD_TOO_LARGE
                validateSchema, // VALIDATION_ERROR against the published JSON Schema
                bind, // VALIDATION_ERROR from binding and Bean Validation
                cache, // a deterministic tool's earlier result for the same arguments
                writeAhead, // AUDIT_UNAVAILABLE: a side-effecting call's started record, committed before it runs
                limitResult, // cuts oversized results on their way back
                execute); // TIMEOUT, BUSY, EXECUTION_ERROR under the tool's fault-tolerance guard
        this.head = compose(order);
    }

    public CompletionStage<Outcome> invoke(Invocation call) {
        return head.proceed(call);
    }

    // Composed once, back to front, so a call allocates no chain objects.
    private static Stage.Chain compose(List<Stage> stages) {
        Stage.Chain next = call -> {
            throw new IllegalStateException("the last stage must answer the call");
        };
        for (int i = stages.size() - 1; i >= 0; i--) {
            Stage stage = stages.get(i);
            Stage.Chain rest = next;
            next = call -> stage.handle(call, rest);
        }
        return next;
    }
}

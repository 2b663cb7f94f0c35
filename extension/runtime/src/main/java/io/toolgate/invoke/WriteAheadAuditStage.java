package io.toolgate.invoke;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.toolgate.security.AuditLog;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.toolgate.security.AuditRecord;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * No side effect without a durable audit record: before a tool that is not read-only runs, its {@code started}
 * record is committed (in the writer's next batch, with the other calls in flight). The outcome record settles it
 * (ObservationStage); if this instance dies in between, another instance, or this one after its restart, records
 * the call as {@code outcome_unknown}. Read-only tools skip this stage's wait: their one record is written after
 * them. When the record cannot be committed within {@code toolgate.audit.write-timeout} (the database is down), the
 * tool does not run and the call is AUDIT_UNAVAILABLE (503).
 */
@Singleton
public class WriteAheadAuditStage implements Stage {

    private final AuditLog audit;
    private final CallRecords records;
    private final ToolThreads threads;

    @Inject
    public WriteAheadAuditStage(AuditLog audit, CallRecords records, ToolThreads threads) {
        this.audit = audit;
        this.records = records;
        this.threads = threads;
    }

    @Override
    public CompletionStage<Outcome> handle(Invocation call, Chain next) {
        if (!audit.enabled() || call.tool() == null || call.tool().definition().hints().readOnly()) {
            return next.proceed(call);
        }
        String id = RequestIds.next();
        call.openAuditId(id);
        AuditRecord started = records.started(call);
        // The commit completes on the audit writer's thread: the call goes on where it came from (its Vert.x
        // context, so a non-blocking tool stays on its event loop), never on the writer, which it would hold up.
        Context origin = Vertx.currentContext();
        return audit.appendDurably(started, id, null).toCompletableFuture()
                .orTimeout(audit.writeTimeoutMillis(), TimeUnit.MILLISECONDS)
                .handle((written, failure) -> failure)
                .thenCompose(failure -> failure == null ? resume(origin, () -> next.proceed(call))
                        : CompletableFuture.completedFuture(Outcome.failure(ErrorCode.AUDIT_UNAVAILABLE,
                                "Tool '" + call.toolName() + "' changes data and its audit record could not be"
                                        + " written within " + audit.writeTimeoutMillis() + " ms, so it did not run;"
                                        + " retry later")));
    }

    private CompletionStage<Outcome> resume(Context origin, Supplier<CompletionStage<Outcome>> rest) {
        CompletableFuture<Outcome> answer = new CompletableFuture<>();
        Runnable run = () -> {
            try {
                rest.get().whenComplete((o, failure) -> {
                    if (failure != null) {
                        answer.completeExceptionally(failure);
                    } else {
                        answer.complete(o);
                    }
                });
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        };
        if (origin != null) {
            origin.runOnContext(ignored -> run.run());
        } else {
            threads.execute(run);
        }
        return answer;
    }
}

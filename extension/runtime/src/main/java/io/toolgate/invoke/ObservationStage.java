package io.toolgate.invoke;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.toolgate.metrics.ToolMetrics;
import io.toolgate.security.AuditLog;
import io.toolgate.security.AuditRecord;
import io.toolgate.tool.ToolRegistry;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/**
 * The outermost stage: times the call, turns anything a stage failed to handle into UNKNOWN_ERROR, and hands every
 * outcome, with its arguments redacted, to the call history and the audit log.
 */
@Singleton
public class ObservationStage implements Stage {

    private static final Logger LOG = Logger.getLogger(ObservationStage.class);

    private final CallHistory history;
    private final AuditLog audit;
    private final CallRecords records;
    private final ToolMetrics metrics;
    private final ToolRegistry registry;

    @Inject
    public ObservationStage(CallHistory history, AuditLog audit, CallRecords records, ToolMetrics metrics,
            ToolRegistry registry) {
        this.registry = registry;
        this.history = history;
        this.audit = audit;
        this.records = records;
        this.metrics = metrics;
    }

    @Override
    public CompletionStage<Outcome> handle(Invocation call, Chain next) {
        long start = System.nanoTime();
        // Only registered names become a metrics tag; anything else a model invents shares one.
        ToolMetrics.PerTool meters = metrics.of(call.tool() != null
                || call.toolName() != null && registry.find(call.toolName()).isPresent()
                ? call.toolName() : ToolMetrics.UNKNOWN_TOOL);
        meters.started();
        CompletionStage<Outcome> result;
        try {
            result = next.proceed(call);
        } catch (RuntimeException e) {
            result = CompletableFuture.completedFuture(bug(call, e));
        }
        return result.handle((outcome, failure) -> {
            Outcome o = failure == null ? outcome : bug(call, failure);
            o.durationNanos(System.nanoTime() - start);
            meters.finished(o.code(), o.durationNanos());
            return o;
        }).thenCompose(o -> {
            history.record(call, o, records.arguments(call));
            if (!audit.enabled()) {
                return CompletableFuture.completedFuture(o);
            }
            AuditRecord record = records.completed(call, o);
            if (call.openAuditId() == null) {
                // The response waits until the audit record is accepted: backpressure, never a lost record.
                return audit.append(record).thenApply(accepted -> o);
            }
            // A side-effecting call answers once its outcome is committed. During a database outage it answers after
            // the write timeout with the record still queued: if the instance then dies, the started record becomes
            // outcome_unknown, so the call is still accounted for.
            return audit.appendDurably(record, null, call.openAuditId()).toCompletableFuture()
                    .completeOnTimeout(null, audit.writeTimeoutMillis(), TimeUnit.MILLISECONDS)
                    .thenApply(written -> o);
        });
    }

    private static Outcome bug(Invocation call, Throwable t) {
        LOG.errorf(t, "Unexpected failure in the pipeline for tool %s (request %s)", call.toolName(), call.requestId());
        return Outcome.failure(ErrorCode.UNKNOWN_ERROR,
                "Toolgate failed to process the call (request " + call.requestId() + "); this is not caused by the"
                        + " arguments, retrying later may help");
    }
}

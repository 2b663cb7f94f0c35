package io.toolgate.invoke;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

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
    private static final int MAX_AUDITED_ARGUMENTS = 8192;

    private final CallHistory history;
    private final AuditLog audit;
    private final ArgumentRedactor redactor;
    private final ToolMetrics metrics;
    private final ToolRegistry registry;

    @Inject
    public ObservationStage(CallHistory history, AuditLog audit, ArgumentRedactor redactor, ToolMetrics metrics,
            ToolRegistry registry) {
        this.registry = registry;
        this.history = history;
        this.audit = audit;
        this.redactor = redactor;
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
            JsonNode arguments = redactedArguments(call);
            history.record(call, o, arguments);
            if (!audit.enabled()) {
                return CompletableFuture.completedFuture(o);
            }
            // The response waits until the audit record is accepted: backpressure, never a lost record.
            return audit.append(auditRecord(call, o, arguments)).thenApply(accepted -> o);
        });
    }

    private JsonNode redactedArguments(Invocation call) {
        Object raw = call.arguments() != null ? call.arguments() : call.rawArguments();
        if (raw instanceof JsonNode node) {
            return redactor.redact(node);
        }
        // Text that never parsed cannot be redacted, so only its size is kept.
        return raw == null ? null : TextNode.valueOf("(unparsed text, " + raw.toString().length() + " chars)");
    }

    private static AuditRecord auditRecord(Invocation call, Outcome o, JsonNode arguments) {
        String args = arguments == null ? null : arguments.toString();
        if (args != null && args.length() > MAX_AUDITED_ARGUMENTS) {
            args = args.substring(0, MAX_AUDITED_ARGUMENTS) + "…(" + args.length() + " chars)";
        }
        return new AuditRecord(null, Instant.now(), call.requestId(), call.principal(), call.door().id(),
                call.toolName(), call.toolCallId(), args, o.isSuccess(), o.isSuccess() ? null : o.code().name(),
                o.durationMillis(), null, null, null);
    }

    private static Outcome bug(Invocation call, Throwable t) {
        LOG.errorf(t, "Unexpected failure in the pipeline for tool %s (request %s)", call.toolName(), call.requestId());
        return Outcome.failure(ErrorCode.UNKNOWN_ERROR,
                "Toolgate failed to process the call (request " + call.requestId() + "); this is not caused by the"
                        + " arguments, retrying later may help");
    }
}

package io.toolgate.agent;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.micrometer.core.instrument.Counter;
import io.toolgate.metrics.Meters;
import io.toolgate.security.AuditLog;
import io.toolgate.security.AuditRecord;
import io.toolgate.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Where an agent request's token usage goes: Micrometer counters per model ({@code toolgate.llm.tokens}, tags
 * {@code model} and {@code type} = prompt | completion) as each step returns, and one audit record per request
 * (door {@code agent}, tool {@code (chat)}) holding the request's summed tokens. The tool calls of the loop have
 * their own audit records (door {@code agent}) under the same request id, so tokens are never counted twice.
 */
@ApplicationScoped
class TokenUsageRecorder {

    static final String CHAT_TOOL = "(chat)";

    @Inject
    Meters meters;
    @Inject
    AuditLog audit;

    void step(String model, Usage usage) {
        count(model, "prompt", usage.prompt());
        count(model, "completion", usage.completion());
    }

    private void count(String model, String type, int tokens) {
        if (tokens > 0) {
            Counter.builder("toolgate.llm.tokens").description("Tokens used by the agent endpoint's model calls")
                    .tag("model", model).tag("type", type).register(meters.registry()).increment(tokens);
        }
    }

    void request(String requestId, Caller caller, String model, int steps, Usage total, String errorCode,
            double durationMs) {
        String summary = JsonNodeFactory.instance.objectNode().put("model", model).put("steps", steps).toString();
        audit.append(new AuditRecord(null, Instant.now(), requestId, caller.principal(), "agent", CHAT_TOOL, null,
                summary, errorCode == null, errorCode, durationMs, total.prompt(), total.completion(), total.total(),
                AuditRecord.COMPLETED, audit.instance()));
    }
}

package io.toolgate.security;

import java.time.Instant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One row of the audit log. Arguments are already redacted JSON text. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuditRecord(Long id, Instant at, String requestId, String principal, String door, String tool,
        String toolCallId, String arguments, boolean success, String code, double durationMs, Integer promptTokens,
        Integer completionTokens, Integer totalTokens) {
}

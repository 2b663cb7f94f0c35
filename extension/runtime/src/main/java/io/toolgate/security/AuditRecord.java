package io.toolgate.security;

import java.time.Instant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One row of the audit log. Arguments are already redacted JSON text.
 *
 * @param phase {@link #STARTED} (written and committed before a side-effecting tool runs), {@link #COMPLETED} (the
 *        outcome of any call) or {@link #OUTCOME_UNKNOWN} (a started call whose instance died before its outcome
 *        was written); null in rows written before phases existed, which are completed ones
 * @param instance the process that served the call (for an unknown outcome: the one that died)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuditRecord(Long id, Instant at, String requestId, String principal, String door, String tool,
        String toolCallId, String arguments, boolean success, String code, double durationMs, Integer promptTokens,
        Integer completionTokens, Integer totalTokens, String phase, String instance) {

    public static final String STARTED = "started";
    public static final String COMPLETED = "completed";
    public static final String OUTCOME_UNKNOWN = "outcome_unknown";
    /** The code of an unknown outcome: the call may or may not have had its effect. */
    public static final String OUTCOME_UNKNOWN_CODE = "OUTCOME_UNKNOWN";

    /** The phase, rows from before phases counting as completed. */
    public String phaseOrCompleted() {
        return phase == null ? COMPLETED : phase;
    }

    /** The unknown outcome of this started record, naming the instance that died. */
    public AuditRecord outcomeUnknown(Instant now) {
        return new AuditRecord(null, now, requestId, principal, door, tool, toolCallId, arguments, false,
                OUTCOME_UNKNOWN_CODE, 0, null, null, null, OUTCOME_UNKNOWN, instance);
    }
}

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

    /**
     * Fits the text fields to their columns (V10: request_id 64, principal 200, door 16, tool 128, tool_call_id 128,
     * code 32; V33: phase 16, instance 64) and replaces NUL, which PostgreSQL's text cannot hold. Several come from
     * the caller (a tool call id, the name of a tool that does not exist, a principal): a record the database refuses
     * would be retried for ever and hold up every call behind it, so it is fitted instead — a cut value ends in
     * "…". Arguments are JSON text, whose control characters are escaped, in a TEXT column.
     */
    public AuditRecord {
        requestId = fit(requestId, 64);
        principal = fit(principal, 200);
        door = fit(door, 16);
        tool = fit(tool, 128);
        toolCallId = fit(toolCallId, 128);
        code = fit(code, 32);
        phase = fit(phase, 16);
        instance = fit(instance, 64);
    }

    static String fit(String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.indexOf('\0') >= 0) {
            value = value.replace('\0', '\uFFFD');
        }
        if (value.length() <= max) {
            return value;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--; // never half a character
        }
        return value.substring(0, end) + "…";
    }

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

package io.toolgate.invoke;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.toolgate.security.AuditRecord;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * What a call leaves in the history and the audit log: its arguments redacted (once per call, kept on the
 * invocation, whether the write-ahead stage or the observation stage asks first) and its audit records.
 */
@Singleton
public class CallRecords {

    private static final int MAX_AUDITED_ARGUMENTS = 8192;

    private final ArgumentRedactor redactor;

    @Inject
    public CallRecords(ArgumentRedactor redactor) {
        this.redactor = redactor;
    }

    /** The call's arguments with sensitive values replaced; for text that never parsed, only its size. */
    public JsonNode arguments(Invocation call) {
        JsonNode audited = call.auditedArguments();
        if (audited == null) {
            audited = redacted(call);
            call.auditedArguments(audited);
        }
        return audited;
    }

    private JsonNode redacted(Invocation call) {
        Object raw = call.arguments() != null ? call.arguments() : call.rawArguments();
        if (raw instanceof JsonNode node) {
            return redactor.redact(node);
        }
        // Text that never parsed cannot be redacted, so only its size is kept.
        if (raw instanceof UnreadableArguments unreadable) {
            return TextNode.valueOf("(unparsed body, " + unreadable.bytes() + " bytes)");
        }
        return raw == null ? null : TextNode.valueOf("(unparsed text, " + raw.toString().length() + " chars)");
    }

    /** The record written before a side-effecting tool runs. */
    public AuditRecord started(Invocation call) {
        return record(call, null, AuditRecord.STARTED);
    }

    /** The record of the call's outcome. */
    public AuditRecord completed(Invocation call, Outcome outcome) {
        return record(call, outcome, AuditRecord.COMPLETED);
    }

    private AuditRecord record(Invocation call, Outcome o, String phase) {
        JsonNode arguments = arguments(call);
        String args = arguments == null ? null : arguments.toString();
        if (args != null && args.length() > MAX_AUDITED_ARGUMENTS) {
            args = args.substring(0, MAX_AUDITED_ARGUMENTS) + "…(" + args.length() + " chars)";
        }
        boolean success = o != null && o.isSuccess();
        return new AuditRecord(null, Instant.now(), call.requestId(), call.principal(), call.door().id(),
                call.toolName(), call.toolCallId(), args, success, o == null || success ? null : o.code().name(),
                o == null ? 0 : o.durationMillis(), null, null, null, phase, RequestIds.instance());
    }
}

package io.toolgate.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.security.Caller;
import io.toolgate.tool.PreparedCall;
import io.toolgate.tool.RegisteredTool;

/**
 * One tool call on its way through the pipeline. A door fills in what arrived (tool name, raw arguments, call id,
 * caller); stages fill in what they derive (the resolved tool, the parsed arguments, the bound Java call), so each
 * later stage reads what an earlier one established instead of redoing it.
 */
public final class Invocation {

    private final String toolName;
    private final Object rawArguments;
    private final String toolCallId;
    private final Door door;
    private final String requestId;
    private final Caller caller;
    private final CallControl control;
    private final boolean doorResolved;

    private RegisteredTool tool;
    private ObjectNode arguments;
    private PreparedCall preparedCall;
    private String openAuditId;
    private JsonNode auditedArguments;

    private Invocation(Builder b) {
        this.toolName = b.toolName;
        this.rawArguments = b.rawArguments;
        this.toolCallId = b.toolCallId;
        this.door = b.door;
        this.requestId = b.requestId != null ? b.requestId : RequestIds.next();
        this.caller = b.caller != null ? b.caller : Caller.anonymous(java.util.Set.of());
        this.control = b.control != null ? b.control : CallControl.none();
        this.tool = b.target;
        this.doorResolved = b.target != null;
    }

    public static Builder builder(String toolName, Door door) {
        return new Builder(toolName, door);
    }

    public String toolName() {
        return toolName;
    }

    /** A JSON text (as a model's {@code arguments} string arrives), a {@link JsonNode}, or null for "no arguments". */
    public Object rawArguments() {
        return rawArguments;
    }

    public String toolCallId() {
        return toolCallId;
    }

    public Door door() {
        return door;
    }

    public String requestId() {
        return requestId;
    }

    public Caller caller() {
        return caller;
    }

    public String principal() {
        return caller.principal();
    }

    /** Progress sink and cancellation of this call, set by the door; never null. */
    public CallControl control() {
        return control;
    }

    public RegisteredTool tool() {
        return tool;
    }

    /** True when the door handed over its own target (an MCP resource family, prompt or completion source). */
    public boolean doorResolved() {
        return doorResolved;
    }

    public void tool(RegisteredTool tool) {
        this.tool = tool;
    }

    /** The parsed argument object; null until the parse stage ran (and in calls that never got that far). */
    public ObjectNode arguments() {
        return arguments;
    }

    public void arguments(ObjectNode arguments) {
        this.arguments = arguments;
    }

    /** The id under which this call's started audit record stays open until its outcome; null for read-only calls. */
    public String openAuditId() {
        return openAuditId;
    }

    public void openAuditId(String id) {
        this.openAuditId = id;
    }

    /** The arguments as audited (redacted), kept by CallRecords once computed; null before. */
    public JsonNode auditedArguments() {
        return auditedArguments;
    }

    public void auditedArguments(JsonNode arguments) {
        this.auditedArguments = arguments;
    }

    public PreparedCall preparedCall() {
        return preparedCall;
    }

    public void preparedCall(PreparedCall preparedCall) {
        this.preparedCall = preparedCall;
    }

    public static final class Builder {
        private final String toolName;
        private final Door door;
        private Object rawArguments;
        private String toolCallId;
        private String requestId;
        private Caller caller;
        private CallControl control;
        private RegisteredTool target;

        private Builder(String toolName, Door door) {
            this.toolName = toolName;
            this.door = door;
        }

        public Builder arguments(Object raw) {
            this.rawArguments = raw;
            return this;
        }

        public Builder toolCallId(String id) {
            this.toolCallId = id;
            return this;
        }

        public Builder requestId(String id) {
            this.requestId = id;
            return this;
        }

        public Builder caller(Caller caller) {
            this.caller = caller;
            return this;
        }

        public Builder control(CallControl control) {
            this.control = control;
            return this;
        }

        /**
         * A target the door has resolved itself and that is not in the tool registry: an MCP resource family, prompt
         * or completion source, which takes the rest of the pipeline (roles, rate limit, validation, guard, audit)
         * exactly as a tool does.
         */
        public Builder target(RegisteredTool target) {
            this.target = target;
            return this;
        }

        public Invocation build() {
            return new Invocation(this);
        }
    }
}

package io.toolgate.workflow;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.toolgate.security.Caller;

/**
 * A run as stored: its state, its input, the caller it runs as (so authorization and audit hold after a restart),
 * and its steps. Mutated only by the engine under the run's lock, and written through before it moves on.
 */
public final class RunRecord {

    public final String id;
    final String workflow;
    final int version;
    final JsonNode input;
    final Caller caller;
    final OffsetDateTime createdAt;
    // The fields the server's workflow tests set to stage a crashed run are public: those tests share the package
    // but not the class loader, which Quarkus's test class loading gives the extension's classes.
    public RunState state;
    String error;
    int executions;
    OffsetDateTime updatedAt;
    OffsetDateTime finishedAt;
    public String leaseOwner;
    public OffsetDateTime leaseUntil;
    /** Its {@code arguments: llm} steps wait for the starting client's model when no model is configured here. */
    boolean argumentsFromClient;
    public final Map<String, StepRecord> steps = new LinkedHashMap<>();

    public RunRecord(String id, String workflow, int version, JsonNode input, Caller caller, OffsetDateTime createdAt) {
        this.id = id;
        this.workflow = workflow;
        this.version = version;
        this.input = input;
        this.caller = caller;
        this.createdAt = createdAt;
    }

    public static final class StepRecord {
        final String name;
        public StepStatus status = StepStatus.PENDING;
        public int attempts;
        JsonNode arguments;
        public JsonNode result;
        JsonNode error;
        JsonNode approval;
        OffsetDateTime startedAt;
        OffsetDateTime finishedAt;

        public StepRecord(String name) {
            this.name = name;
        }
    }
}

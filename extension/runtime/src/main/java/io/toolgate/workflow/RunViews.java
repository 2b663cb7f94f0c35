package io.toolgate.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.security.AdminRole;
import io.toolgate.security.Caller;
import io.toolgate.workflow.RunRecord.StepRecord;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Who may see a workflow run and what they see of it, in one place for every door that shows runs (the REST
 * endpoints, the MCP resources {@code toolgate://runs/<id>}): a run is visible to the principal who started it and
 * to holders of the admin role, and invisible (not "forbidden") to everyone else.
 */
@Singleton
public class RunViews {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    WorkflowDefinitions definitions;
    @Inject
    WorkflowStore store;
    @Inject
    AdminRole adminRole;
    @Inject
    WorkflowEngine engine;

    public boolean visibleTo(RunRecord run, Caller caller) {
        return adminRole.heldBy(caller) || run.caller.principal().equals(caller.principal());
    }

    /** The run's full view, when it exists and the caller may see it. */
    public Optional<ObjectNode> visibleRun(String id, Caller caller) {
        return store.run(id).filter(r -> visibleTo(r, caller)).map(r -> view(r, true));
    }

    /** Ids of the runs this caller may see that start with {@code prefix} (any case), newest first. */
    public List<String> visibleRunIds(Caller caller, String prefix, int limit) {
        String lower = prefix.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String id : store.runIds(adminRole.visiblePrincipal(caller), null, 500)) {
            if (id.toLowerCase(Locale.ROOT).startsWith(lower) && out.size() < limit) {
                out.add(id);
            }
        }
        return out;
    }

    /** The run as {@code GET /workflows/runs/{id}} shows it; with {@code full}, its input and every step. */
    public ObjectNode view(RunRecord run, boolean full) {
        ObjectNode v = JSON.objectNode();
        v.put("run_id", run.id);
        v.put("workflow", run.workflow);
        v.put("version", run.version);
        v.put("state", run.state.id());
        if (run.error != null) {
            v.put("error", run.error);
        }
        v.put("started_by", run.caller.principal());
        v.put("executions", run.executions);
        v.put("created_at", run.createdAt.toString());
        v.put("updated_at", run.updatedAt == null ? null : run.updatedAt.toString());
        v.put("finished_at", run.finishedAt == null ? null : run.finishedAt.toString());
        definitions.get(run.workflow, run.version).ifPresent(d -> {
            if (run.state == RunState.WAITING_FOR_INPUT) {
                ArrayNode w = v.putArray("waiting_for");
                ArrayNode requests = v.putArray("input_requests");
                for (String step : engine.waitingSteps(run, d)) {
                    w.add(step);
                    requests.add(engine.inputRequest(run, d, step));
                }
            }
            if (!full) {
                return;
            }
            v.set("input", run.input);
            ArrayNode steps = v.putArray("steps");
            for (WorkflowDefinition.Step step : d.steps()) {
                StepRecord s = run.steps.get(step.name());
                ObjectNode n = steps.addObject();
                n.put("name", step.name());
                n.put("tool", step.tool());
                n.put("status", s.status.id());
                n.put("attempts", s.attempts);
                n.set("arguments", s.arguments);
                n.set("result", s.result);
                n.set("error", s.error);
                if (step.approval()) {
                    n.set("approval", s.approval);
                }
                n.put("started_at", s.startedAt == null ? null : s.startedAt.toString());
                n.put("finished_at", s.finishedAt == null ? null : s.finishedAt.toString());
                if (s.startedAt != null && s.finishedAt != null) {
                    n.put("duration_ms", Duration.between(s.startedAt, s.finishedAt).toNanos() / 1_000_000.0);
                }
            }
        });
        return v;
    }

}

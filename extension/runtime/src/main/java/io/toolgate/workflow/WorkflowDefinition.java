package io.toolgate.workflow;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cel.common.CelAbstractSyntaxTree;

/**
 * One validated version of a workflow: its steps in definition order, conditions already compiled. Immutable; a run
 * holds the version it started with.
 *
 * @param source the definition as JSON, exactly as stored (and shown by {@code GET /workflows/{name}})
 */
public record WorkflowDefinition(String name, int version, String description, List<Step> steps, JsonNode source) {

    public enum OnError {
        /** The step's failure fails the run (the default). */
        FAIL,
        /** The step is marked failed, its result is null, and its dependents still run. */
        CONTINUE,
        /** The step is tried again with backoff; when every attempt failed, the run fails. */
        RETRY
    }

    /**
     * @param arguments the argument template (null when {@code llm})
     * @param condition the CEL source, or null; {@code compiledCondition} is its checked syntax tree
     * @param timeout null: the tool's own timeout only
     */
    public record Step(String name, String tool, List<String> dependsOn, String condition,
            CelAbstractSyntaxTree compiledCondition, JsonNode arguments, boolean llm, String instructions,
            OnError onError, int maxAttempts, Duration backoff, Duration timeout, boolean approval) {
    }

    public Map<String, Step> byName() {
        Map<String, Step> m = new LinkedHashMap<>();
        steps.forEach(s -> m.put(s.name(), s));
        return m;
    }

    public Step step(String name) {
        for (Step s : steps) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}

package io.toolgate.workflow;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.cel.common.CelAbstractSyntaxTree;
import io.toolgate.declarative.DefinitionReader;
import io.toolgate.workflow.WorkflowDefinition.OnError;
import io.toolgate.workflow.WorkflowDefinition.Step;

/**
 * Reads a workflow definition (YAML or JSON) and checks everything that can be checked before a run: names, fields,
 * that every tool exists, that dependencies exist and form no cycle, that conditions compile, that templates only
 * reference the input, the run and steps the step (transitively) depends on. Every problem is collected, so one
 * answer lists them all.
 */
public final class DefinitionParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,63}$");
    private static final Pattern STEP_REFERENCE = Pattern.compile("\\bsteps\\.([A-Za-z_][A-Za-z0-9_]*)");
    private static final Set<String> TOP_FIELDS = Set.of("name", "description", "steps");
    private static final Set<String> STEP_FIELDS = Set.of("name", "description", "tool", "depends_on", "condition",
            "arguments", "instructions", "on_error", "retry", "timeout", "approval");
    private static final Set<String> STEP_PARTS = Set.of("result", "error", "status", "approval");

    private final Predicate<String> toolExists;
    private final int maxSteps;
    private final int defaultAttempts;
    private final Duration defaultBackoff;

    public DefinitionParser(Predicate<String> toolExists, int maxSteps, int defaultAttempts, Duration defaultBackoff) {
        this.toolExists = toolExists;
        this.maxSteps = maxSteps;
        this.defaultAttempts = defaultAttempts;
        this.defaultBackoff = defaultBackoff;
    }

    /** @param yaml YAML (a superset of JSON) when true, strict JSON otherwise */
    public static JsonNode read(String content, boolean yaml) {
        try {
            JsonNode root = (yaml ? YAML : JSON).readTree(content);
            if (root == null || !root.isObject()) {
                throw invalid("syntax", null, null, "a workflow definition must be an object with name and steps");
            }
            return root;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw invalid("syntax", null, null, "the definition is not valid " + (yaml ? "YAML" : "JSON") + where);
        }
    }

    private static InvalidDefinitionException invalid(String kind, String step, String field, String message) {
        return new InvalidDefinitionException(List.of(new DefinitionProblem(kind, step, field, message)));
    }

    /** @throws InvalidDefinitionException listing every problem found */
    public WorkflowDefinition parse(JsonNode root, int version) {
        List<DefinitionProblem> problems = new ArrayList<>();
        root.fieldNames().forEachRemaining(f -> {
            if (!TOP_FIELDS.contains(f)) {
                problems.add(new DefinitionProblem("invalid_field", null, f, "unknown field '" + f + "'; a definition"
                        + " has " + new java.util.TreeSet<>(TOP_FIELDS)));
            }
        });
        String name = root.path("name").asText("");
        if (!NAME.matcher(name).matches()) {
            problems.add(new DefinitionProblem("invalid_field", null, "name", "name must be 1 to 64 letters, digits"
                    + " or underscores, starting with a letter, got '" + name + "'"));
        }
        if ("runs".equals(name)) {
            problems.add(new DefinitionProblem("invalid_field", null, "name", "'runs' is reserved"
                    + " (/workflows/runs lists runs); choose another name"));
        }
        JsonNode stepNodes = root.path("steps");
        if (!stepNodes.isArray() || stepNodes.isEmpty()) {
            problems.add(new DefinitionProblem("invalid_field", null, "steps", "steps must be a non-empty list"));
            throw new InvalidDefinitionException(problems);
        }
        if (stepNodes.size() > maxSteps) {
            problems.add(new DefinitionProblem("too_many_steps", null, "steps", "the definition has "
                    + stepNodes.size() + " steps; at most " + maxSteps + " are allowed"
                    + " (toolgate.workflows.max-definition-steps)"));
            throw new InvalidDefinitionException(problems);
        }

        Map<String, JsonNode> nodes = new LinkedHashMap<>();
        for (int i = 0; i < stepNodes.size(); i++) {
            JsonNode s = stepNodes.get(i);
            String stepName = s.path("name").asText("");
            String label = stepName.isEmpty() ? "#" + (i + 1) : stepName;
            if (!s.isObject()) {
                problems.add(new DefinitionProblem("invalid_field", label, null, "step " + label + " must be an object"));
                continue;
            }
            if (!NAME.matcher(stepName).matches()) {
                problems.add(new DefinitionProblem("invalid_field", label, "name", "step " + label + ": name must be"
                        + " 1 to 64 letters, digits or underscores, starting with a letter"));
                continue;
            }
            if (nodes.containsKey(stepName)) {
                problems.add(new DefinitionProblem("duplicate_step", stepName, "name", "two steps are named '"
                        + stepName + "'; step names must be unique"));
                continue;
            }
            nodes.put(stepName, s);
        }

        Map<String, List<String>> deps = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : nodes.entrySet()) {
            List<String> d = new ArrayList<>();
            JsonNode dn = e.getValue().path("depends_on");
            if (dn.isTextual()) {
                d.add(dn.asText());
            } else if (dn.isArray()) {
                dn.forEach(x -> d.add(x.asText()));
            } else if (!dn.isMissingNode() && !dn.isNull()) {
                problems.add(new DefinitionProblem("invalid_field", e.getKey(), "depends_on", "step " + e.getKey()
                        + ": depends_on must be a list of step names"));
            }
            for (String dep : d) {
                if (!nodes.containsKey(dep)) {
                    problems.add(new DefinitionProblem("missing_dependency", e.getKey(), "depends_on", "step "
                            + e.getKey() + " depends on '" + dep + "', which is not a step of this workflow"));
                }
            }
            deps.put(e.getKey(), d.stream().filter(nodes::containsKey).distinct().toList());
        }
        List<String> cycle = cycle(deps);
        if (cycle != null) {
            problems.add(new DefinitionProblem("cycle", cycle.get(0), "depends_on", "the dependencies form a cycle: "
                    + String.join(" -> ", cycle) + " (each step depends on the next)"));
            throw new InvalidDefinitionException(problems);
        }

        List<Step> steps = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : nodes.entrySet()) {
            Step step = step(e.getKey(), e.getValue(), deps, problems);
            if (step != null) {
                steps.add(step);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return new WorkflowDefinition(name, version, root.path("description").asText(null), List.copyOf(steps),
                root.deepCopy());
    }

    private Step step(String name, JsonNode s, Map<String, List<String>> deps, List<DefinitionProblem> problems) {
        int before = problems.size();
        s.fieldNames().forEachRemaining(f -> {
            if (!STEP_FIELDS.contains(f)) {
                problems.add(new DefinitionProblem("invalid_field", name, f, "step " + name + ": unknown field '" + f
                        + "'; a step has " + new java.util.TreeSet<>(STEP_FIELDS)));
            }
        });
        String tool = s.path("tool").asText("");
        if (tool.isEmpty()) {
            problems.add(new DefinitionProblem("invalid_field", name, "tool", "step " + name + " names no tool"));
        } else if (!toolExists.test(tool)) {
            problems.add(new DefinitionProblem("unknown_tool", name, "tool", "step " + name + " uses tool '" + tool
                    + "', which is not registered"));
        }
        Set<String> reachable = ancestors(name, deps);

        String condition = s.hasNonNull("condition") ? s.get("condition").asText() : null;
        CelAbstractSyntaxTree ast = null;
        if (condition != null) {
            try {
                ast = Conditions.compile(condition);
                Matcher m = STEP_REFERENCE.matcher(condition);
                while (m.find()) {
                    if (!reachable.contains(m.group(1))) {
                        problems.add(new DefinitionProblem("bad_condition", name, "condition", "step " + name
                                + ": condition '" + condition + "' reads step '" + m.group(1) + "', which this step"
                                + " does not depend on"));
                    }
                }
            } catch (IllegalArgumentException bad) {
                problems.add(new DefinitionProblem("bad_condition", name, "condition", "step " + name
                        + ": condition '" + condition + "' is not valid CEL returning a bool: " + bad.getMessage()));
            }
        }

        JsonNode arguments = s.path("arguments");
        boolean llm = arguments.isTextual() && "llm".equals(arguments.asText());
        if (arguments.isMissingNode() || arguments.isNull()) {
            arguments = JsonNodeFactory.instance.objectNode();
        } else if (!llm && !arguments.isObject()) {
            problems.add(new DefinitionProblem("invalid_field", name, "arguments", "step " + name + ": arguments must"
                    + " be an object (values may be templates such as ${input.customer_id}) or the word llm"));
        }
        List<JsonNode> templated = new ArrayList<>();
        if (!llm) {
            templated.add(arguments);
        }
        if (s.has("instructions")) {
            templated.add(s.get("instructions"));
        }
        for (JsonNode t : templated) {
            for (String path : Templates.paths(t)) {
                String problem = templateProblem(name, path, reachable);
                if (problem != null) {
                    problems.add(new DefinitionProblem("bad_template", name, "arguments", "step " + name
                            + ": template ${" + path + "} " + problem));
                }
            }
        }

        OnError onError = OnError.FAIL;
        if (s.has("on_error")) {
            try {
                onError = OnError.valueOf(s.get("on_error").asText().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException bad) {
                problems.add(new DefinitionProblem("invalid_field", name, "on_error", "step " + name
                        + ": on_error must be fail, continue or retry, got '" + s.get("on_error").asText() + "'"));
            }
        }
        int attempts = defaultAttempts;
        Duration backoff = defaultBackoff;
        JsonNode retry = s.path("retry");
        if (!retry.isMissingNode()) {
            if (retry.has("max_attempts")) {
                attempts = retry.get("max_attempts").asInt(0);
                if (attempts < 1 || attempts > 20) {
                    problems.add(new DefinitionProblem("invalid_field", name, "retry.max_attempts", "step " + name
                            + ": retry.max_attempts must be 1 to 20"));
                }
            }
            if (retry.has("backoff")) {
                backoff = duration(name, "retry.backoff", retry.get("backoff").asText(), problems);
            }
        }
        Duration timeout = s.has("timeout") ? duration(name, "timeout", s.get("timeout").asText(), problems) : null;
        JsonNode approval = s.path("approval");
        if (!approval.isMissingNode() && !approval.isBoolean()) {
            problems.add(new DefinitionProblem("invalid_field", name, "approval", "step " + name
                    + ": approval must be true or false"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new Step(name, tool, deps.get(name), condition, ast, llm ? null : arguments, llm,
                s.path("instructions").asText(null), onError, onError == OnError.RETRY ? attempts : 1, backoff,
                timeout, approval.asBoolean(false));
    }

    private static Duration duration(String step, String field, String text, List<DefinitionProblem> problems) {
        try {
            return DefinitionReader.duration(text, field);
        } catch (IllegalArgumentException bad) {
            problems.add(new DefinitionProblem("invalid_field", step, field, "step " + step + ": " + bad.getMessage()));
            return null;
        }
    }

    /** Why a template path cannot work for this step, or null when it can. */
    private static String templateProblem(String step, String path, Set<String> reachable) {
        if (!Templates.wellFormed(path)) {
            return "is not a path such as input.customer_id or steps.<step>.result.<field>";
        }
        String[] parts = path.split("\\.");
        String root = parts[0].replaceAll("\\[.*", "");
        switch (root) {
            case "input", "run":
                return null;
            case "steps":
                if (parts.length < 3) {
                    return "must name a step and one of " + STEP_PARTS + ", as in steps.<step>.result";
                }
                String target = parts[1].replaceAll("\\[.*", "");
                String part = parts[2].replaceAll("\\[.*", "");
                if (!STEP_PARTS.contains(part)) {
                    return "reads '" + part + "' of step " + target + "; use one of " + STEP_PARTS
                            + " (a step's output is under result)";
                }
                if (target.equals(step) && "approval".equals(part)) {
                    return null;
                }
                if (!reachable.contains(target)) {
                    return "reads step '" + target + "', which this step does not (transitively) depend on";
                }
                return null;
            default:
                return "starts with '" + root + "'; templates read input, steps or run";
        }
    }

    /** Every step the named one depends on, directly or through others. */
    static Set<String> ancestors(String name, Map<String, List<String>> deps) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(deps.getOrDefault(name, List.of()));
        while (!todo.isEmpty()) {
            String d = todo.pop();
            if (seen.add(d)) {
                todo.addAll(deps.getOrDefault(d, List.of()));
            }
        }
        return seen;
    }

    /** A cycle as a path that starts and ends with the same step, or null. */
    static List<String> cycle(Map<String, List<String>> deps) {
        Map<String, Integer> state = new HashMap<>();
        for (String start : deps.keySet()) {
            List<String> found = visit(start, deps, state, new ArrayList<>());
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static List<String> visit(String node, Map<String, List<String>> deps, Map<String, Integer> state,
            List<String> path) {
        int s = state.getOrDefault(node, 0);
        if (s == 2) {
            return null;
        }
        if (s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.add(node);
        for (String d : deps.getOrDefault(node, List.of())) {
            List<String> found = visit(d, deps, state, path);
            if (found != null) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return null;
    }
}

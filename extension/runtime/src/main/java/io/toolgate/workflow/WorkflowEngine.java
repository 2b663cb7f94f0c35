package io.toolgate.workflow;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.toolgate.agent.ModelArguments;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.invoke.CallControl;
import io.toolgate.invoke.Door;
import io.toolgate.invoke.ErrorCode;
import io.toolgate.invoke.Invocation;
import io.toolgate.invoke.InvocationPipeline;
import io.toolgate.invoke.Outcome;
import io.toolgate.invoke.OutcomeJson;
import io.toolgate.invoke.ToolThreads;
import io.toolgate.security.Caller;
import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolRegistry;
import io.toolgate.workflow.RunRecord.StepRecord;
import io.toolgate.workflow.WorkflowDefinition.OnError;
import io.toolgate.workflow.WorkflowDefinition.Step;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Runs workflows: starts every step whose dependencies are settled (so independent steps run in parallel), each as a
 * call through the one {@link InvocationPipeline} (door {@code workflow}, under the caller who started the run), and
 * writes every step transition to the database before moving on. A run is owned by one instance through a lease;
 * runs whose owner stopped are taken over by whichever instance finds them first (see {@link #recover()}).
 *
 * <p>Decisions, in one place:
 * <ul>
 * <li>a step is decided once all its dependencies are settled (succeeded, failed with {@code on_error: continue}, or
 * skipped); if it has dependencies and all were skipped, it is skipped too;</li>
 * <li>a false condition skips the step; a condition that cannot be evaluated fails it (its on_error applies);</li>
 * <li>{@code on_error: continue} marks the step failed with a null result and lets its dependents run;
 * {@code retry} tries again with doubling backoff and fails the run when the attempts are used up; {@code fail}
 * fails the run at once: no further step starts, steps already running finish and are recorded;</li>
 * <li>an approval step waits until input arrives; the run is {@code waiting_for_input} once nothing else can run.
 * Rejection fails the step (code REJECTED), and its on_error applies;</li>
 * <li>every execution, retries included, counts against {@code toolgate.workflows.max-steps}.</li>
 * </ul>
 */
@Singleton
public class WorkflowEngine {

    private static final Logger LOG = Logger.getLogger(WorkflowEngine.class);
    private static final Duration DEFINITIONS_WAIT = Duration.ofSeconds(10);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    WorkflowStore store;
    @Inject
    WorkflowDefinitions definitions;
    @Inject
    InvocationPipeline pipeline;
    @Inject
    ToolRegistry registry;
    @Inject
    ToolThreads threads;
    @Inject
    ToolgateConfig config;
    /** Absent when the application has no model client (quarkus-langchain4j-openai): llm steps then fail. */
    @Inject
    InjectableInstance<ModelArguments> model;
    @Inject
    WorkflowMetrics metrics;

    /** This instance's lease owner id; new at every start, so a restarted process does not mistake old leases. */
    private final String instanceId = "tg-" + UUID.randomUUID().toString().substring(0, 13);
    private final Map<String, Execution> active = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "toolgate-workflow-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;
    private volatile boolean initialized;
    // Set by the first attempt to load: a request starts the load only if nothing has tried yet; retries after a
    // failure (the database down) are the maintenance tick's, so requests do not queue up behind them.
    private volatile boolean loadTried;
    private final CompletableFuture<Void> definitionsLoaded = new CompletableFuture<>();

    /** A run this instance owns right now; all mutation happens under its monitor. */
    final class Execution {
        final RunRecord run;
        final WorkflowDefinition definition;
        final Map<String, CallControl> running = new ConcurrentHashMap<>();
        final Set<String> retryWaiting = new HashSet<>();
        final Set<String> awaiting = new LinkedHashSet<>();

        Execution(RunRecord run, WorkflowDefinition definition) {
            this.run = run;
            this.definition = definition;
        }
    }

    public String instanceId() {
        return instanceId;
    }

    // --- start-up, recovery, leases --------------------------------------------------------------------------------

    /**
     * Blocks a workflow request until the definitions are loaded (loading them now if nothing has tried yet), so
     * that one arriving right after start sees them all. Bounded: with the database down, loading is retried by the
     * maintenance tick and the request goes on to meet the database error itself.
     */
    public void awaitDefinitions() {
        if (!loadTried) {
            initialize();
        }
        try {
            definitionsLoaded.get(DEFINITIONS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.debugf("Workflow definitions not loaded yet: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Loads the definitions and continues unfinished runs, at the first maintenance tick (a second after start) or
     * the first workflow request, whichever comes first: parsing the definitions, compiling their CEL and storing
     * them costs about half a second of CPU, which at start-up took the cores from the first answer. A database that
     * is down then must not stop the server (readiness reports it); this is tried again at every maintenance tick
     * until it works.
     */
    private synchronized void initialize() {
        if (initialized) {
            return;
        }
        loadTried = true;
        try {
            definitions.loadAtStartup();
            // An embedded database belongs to this one process: runs left in progress are ours to continue at
            // once, without waiting for the previous process' lease to run out.
            boolean takeAll = store.embedded();
            initialized = true;
            definitionsLoaded.complete(null);
            threads.execute(() -> recover(takeAll));
        } catch (RuntimeException e) {
            LOG.warnf("Workflows are not loaded yet (tried again every %s): %s",
                    config.workflows().recoveryInterval(), e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        stopping = true;
        timer.shutdownNow();
    }

    /** Renews the leases of this instance's runs and continues runs whose owner's lease expired. */
    @Scheduled(every = "${toolgate.workflows.recovery-interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void maintain() {
        if (stopping) {
            return;
        }
        if (!initialized) {
            initialize();
            return;
        }
        OffsetDateTime until = WorkflowStore.now().plus(config.workflows().lease());
        for (String id : active.keySet()) {
            try {
                store.renew(id, instanceId, until);
            } catch (RuntimeException e) {
                LOG.warnf("Lease of workflow run %s could not be renewed: %s", id, e.getMessage());
            }
        }
        recover(false);
        try {
            metrics.current(store.countByState());
        } catch (RuntimeException e) {
            LOG.debugf("Workflow runs could not be counted for the gauge: %s", e.getMessage());
        }
    }

    /** Takes over runs in progress whose lease expired (or all of them, when the database is this process' alone). */
    public void recover(boolean takeAll) {
        try {
            List<String> candidates = takeAll ? store.unfinishedRuns(100) : store.orphans(100);
            for (String id : candidates) {
                if (active.containsKey(id)) {
                    continue;
                }
                OffsetDateTime until = WorkflowStore.now().plus(config.workflows().lease());
                if (takeAll ? store.takeOver(id, instanceId, until) : store.claim(id, instanceId, until)) {
                    resume(id);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Looking for workflow runs to continue failed: %s", e.getMessage());
        }
    }

    /**
     * Continues a run this instance has just claimed. Succeeded steps are never run again; a step found running was
     * interrupted with its instance: it is run again only if its tool is idempotent, otherwise the run fails.
     */
    private void resume(String id) {
        RunRecord run = store.run(id).orElse(null);
        if (run == null || run.state.terminal() || run.state == RunState.WAITING_FOR_INPUT) {
            return;
        }
        Optional<WorkflowDefinition> definition;
        try {
            definition = definitions.get(run.workflow, run.version);
        } catch (InvalidDefinitionException e) {
            definition = Optional.empty();
        }
        if (definition.isEmpty()) {
            run.state = RunState.FAILED;
            run.error = "workflow " + run.workflow + " version " + run.version + " can no longer be loaded";
            finishRun(null, run);
            return;
        }
        Execution ex = new Execution(run, definition.get());
        synchronized (ex) {
            active.put(id, ex);
            LOG.infof("Continuing workflow run %s (%s v%d) left by a stopped instance", id, run.workflow,
                    run.version);
            for (Step step : ex.definition.steps()) {
                StepRecord s = run.steps.get(step.name());
                if (s == null || s.status != StepStatus.RUNNING) {
                    continue;
                }
                boolean idempotent = registry.find(step.tool())
                        .map(t -> t.definition().hints().idempotent()).orElse(false);
                if (idempotent) {
                    s.status = StepStatus.PENDING;
                    store.updateStep(id, s);
                    continue;
                }
                s.status = StepStatus.FAILED;
                s.finishedAt = WorkflowStore.now();
                String message = "step " + step.name() + " (tool " + step.tool() + ") was running when the instance"
                        + " running it stopped; it may or may not have taken effect, and " + step.tool()
                        + " is not marked idempotent, so it is not run again";
                s.error = error("INTERRUPTED", message);
                store.updateStep(id, s);
                fail(ex, message);
                return;
            }
        }
        advance(ex);
    }

    // --- the public operations -------------------------------------------------------------------------------------

    public RunRecord start(WorkflowDefinition definition, JsonNode input, Caller caller) {
        return start(definition, input, caller, false);
    }

    /**
     * @param argumentsFromClient the starting client can be asked for a model's answer (MCP sampling): without a
     *        model configured here, {@code arguments: llm} steps wait for input that carries their arguments
     */
    public RunRecord start(WorkflowDefinition definition, JsonNode input, Caller caller, boolean argumentsFromClient) {
        OffsetDateTime now = WorkflowStore.now();
        RunRecord run = new RunRecord("run_" + UUID.randomUUID().toString().replace("-", ""), definition.name(),
                definition.version(), input, caller, now);
        run.argumentsFromClient = argumentsFromClient;
        run.state = RunState.STARTED;
        run.leaseOwner = instanceId;
        run.leaseUntil = now.plus(config.workflows().lease());
        definition.steps().forEach(s -> run.steps.put(s.name(), new StepRecord(s.name())));
        store.insertRun(run);
        metrics.transition(run.workflow, RunState.STARTED);
        Execution ex = new Execution(run, definition);
        active.put(run.id, ex);
        threads.execute(() -> advance(ex));
        return run;
    }

    public enum InputResult { ACCEPTED, NOT_WAITING, UNKNOWN_STEP, TAKEN, ARGUMENTS_REQUIRED }

    /**
     * Input for an approval step of a run waiting for it. Any instance may take it: the state moves from
     * waiting_for_input to in_progress with a compare-and-set, and that instance runs the rest.
     */
    public InputResult input(RunRecord run, String stepName, boolean approved, JsonNode data, Caller by) {
        if (run.state != RunState.WAITING_FOR_INPUT) {
            return InputResult.NOT_WAITING;
        }
        WorkflowDefinition definition = definitions.get(run.workflow, run.version).orElseThrow();
        List<String> waiting = waitingSteps(run, definition);
        String target = stepName != null ? stepName : waiting.size() == 1 ? waiting.get(0) : null;
        if (target == null || !waiting.contains(target)) {
            return InputResult.UNKNOWN_STEP;
        }
        if (approved && wantsArguments(run, definition.step(target))
                && (data == null || !data.path("arguments").isObject())) {
            return InputResult.ARGUMENTS_REQUIRED;
        }
        if (!store.resumeWaiting(run.id, instanceId, WorkflowStore.now().plus(config.workflows().lease()))) {
            return InputResult.TAKEN;
        }
        RunRecord fresh = store.run(run.id).orElseThrow();
        StepRecord s = fresh.steps.get(target);
        ObjectNode approval = JSON.objectNode();
        approval.put("approved", approved);
        approval.set("data", data == null || data.isMissingNode() ? JSON.objectNode() : data);
        approval.put("by", by.principal());
        approval.put("at", WorkflowStore.now().toString());
        s.approval = approval;
        Execution ex = new Execution(fresh, definition);
        active.put(fresh.id, ex);
        synchronized (ex) {
            if (!approved) {
                s.status = StepStatus.FAILED;
                s.finishedAt = WorkflowStore.now();
                String reason = data != null && data.hasNonNull("reason") ? ": " + data.get("reason").asText() : "";
                s.error = error("REJECTED", "step " + target + " was rejected by " + by.principal() + reason);
                store.updateStep(fresh.id, s);
                Step step = definition.step(target);
                if (step.onError() != OnError.CONTINUE) {
                    fail(ex, s.error.path("message").asText());
                    return InputResult.ACCEPTED;
                }
            } else {
                store.updateStep(fresh.id, s);
            }
        }
        threads.execute(() -> advance(ex));
        return InputResult.ACCEPTED;
    }

    /** Steps that wait for input: pending, without input yet, and with all their dependencies settled. */
    public List<String> waitingSteps(RunRecord run, WorkflowDefinition definition) {
        List<String> out = new ArrayList<>();
        for (Step step : definition.steps()) {
            StepRecord s = run.steps.get(step.name());
            if (waitsForInput(run, step, s) && s.status == StepStatus.PENDING
                    && step.dependsOn().stream().allMatch(d -> run.steps.get(d).status.settled())) {
                out.add(step.name());
            }
        }
        return out;
    }

    private boolean waitsForInput(RunRecord run, Step step, StepRecord s) {
        return s.approval == null && (step.approval() || wantsArguments(run, step));
    }

    private boolean modelConfigured() {
        return model.isResolvable() && model.get().configured();
    }

    /**
     * Whether the step's arguments come with its input: an {@code arguments: llm} step, no model configured here,
     * and a run whose starting client offered its own model.
     */
    public boolean wantsArguments(RunRecord run, Step step) {
        return step.llm() && run.argumentsFromClient && !modelConfigured();
    }

    /**
     * What a waiting step asks for, for a client or person to answer: the tool it will call and, when its
     * arguments are to be chosen by a model, the prompt the configured model would have been given.
     */
    public ObjectNode inputRequest(RunRecord run, WorkflowDefinition definition, String stepName) {
        Step step = definition.step(stepName);
        JsonNode context = context(run);
        ObjectNode request = JSON.objectNode();
        request.put("step", step.name()).put("tool", step.tool());
        if (wantsArguments(run, step)) {
            request.put("wants", "arguments");
            request.put("prompt", prompt(step, context));
            registry.find(step.tool()).ifPresent(t -> request.set("input_schema", t.definition().inputSchema()));
        } else {
            request.put("wants", "approval");
            if (!step.llm()) {
                request.set("arguments", Templates.resolve(step.arguments(), context));
            }
        }
        return request;
    }

    /**
     * Cancels a run: running steps are cancelled through their call control (the pipeline interrupts them and records
     * CANCELLED), pending steps are skipped. A run owned by another instance is marked cancelled in the database;
     * that instance stops it before starting its next step.
     *
     * @return false when the run had already ended
     */
    public boolean cancel(String id, Caller by) {
        Execution ex = active.get(id);
        String message = "cancelled by " + by.principal();
        if (ex != null) {
            synchronized (ex) {
                if (ex.run.state.terminal()) {
                    return false;
                }
                RunState from = ex.run.state;
                if (!store.transition(id, from, RunState.CANCELLED, message)) {
                    return false;
                }
                stopLocally(ex, message, true);
                return true;
            }
        }
        RunRecord run = store.run(id).orElse(null);
        if (run == null || run.state.terminal() || !store.transition(id, run.state, RunState.CANCELLED, message)) {
            return false;
        }
        skipPending(run, message);
        metrics.transition(run.workflow, RunState.CANCELLED);
        return true;
    }

    private void stopLocally(Execution ex, String message, boolean count) {
        ex.run.state = RunState.CANCELLED;
        ex.run.error = message;
        skipPending(ex.run, message);
        ex.running.values().forEach(CallControl::cancel);
        active.remove(ex.run.id);
        store.release(ex.run.id, instanceId);
        if (count) {
            metrics.transition(ex.run.workflow, RunState.CANCELLED);
        }
    }

    private void skipPending(RunRecord run, String message) {
        for (StepRecord s : run.steps.values()) {
            if (s.status == StepStatus.PENDING) {
                s.status = StepStatus.SKIPPED;
                s.error = error("CANCELLED", "the run was " + message + " before this step ran");
                s.finishedAt = WorkflowStore.now();
                store.updateStep(run.id, s);
            }
        }
    }

    // --- scheduling ------------------------------------------------------------------------------------------------

    /** Decides and starts every step that can be decided now; ends the run when nothing is left. */
    void advance(Execution ex) {
        try {
            advanceUnsafe(ex);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Workflow run %s could not advance", ex.run.id);
            synchronized (ex) {
                if (!ex.run.state.terminal()) {
                    try {
                        fail(ex, "the run stopped on an internal error; see the server log");
                    } catch (RuntimeException again) {
                        LOG.errorf(again, "Workflow run %s could not be marked failed", ex.run.id);
                    }
                }
            }
        }
    }

    private void advanceUnsafe(Execution ex) {
        synchronized (ex) {
            RunRecord run = ex.run;
            if (run.state.terminal() || stopping) {
                return;
            }
            if (RunState.CANCELLED.id().equals(store.state(run.id))) {
                stopLocally(ex, "cancelled", false);
                return;
            }
            ex.awaiting.clear();
            boolean decided = true;
            while (decided) {
                decided = false;
                for (Step step : ex.definition.steps()) {
                    StepRecord s = run.steps.get(step.name());
                    if (s.status != StepStatus.PENDING || ex.retryWaiting.contains(step.name())
                            || ex.running.containsKey(step.name())) {
                        continue;
                    }
                    List<StepRecord> deps = step.dependsOn().stream().map(run.steps::get).toList();
                    if (!deps.stream().allMatch(d -> d.status.settled())) {
                        continue;
                    }
                    if (!deps.isEmpty() && deps.stream().allMatch(d -> d.status == StepStatus.SKIPPED)) {
                        skip(run, s, "all of its dependencies were skipped");
                        decided = true;
                        continue;
                    }
                    JsonNode context = context(run);
                    if (step.compiledCondition() != null && s.approval == null) {
                        boolean holds;
                        try {
                            holds = Conditions.evaluate(step.compiledCondition(), context);
                        } catch (IllegalArgumentException bad) {
                            s.attempts++;
                            s.finishedAt = WorkflowStore.now();
                            s.status = StepStatus.FAILED;
                            s.error = error("CONDITION_ERROR", "condition '" + step.condition()
                                    + "' could not be evaluated: " + bad.getMessage());
                            store.updateStep(run.id, s);
                            if (step.onError() != OnError.CONTINUE) {
                                fail(ex, "step " + step.name() + ": " + s.error.path("message").asText());
                                return;
                            }
                            decided = true;
                            continue;
                        }
                        if (!holds) {
                            skip(run, s, "condition '" + step.condition() + "' is false");
                            decided = true;
                            continue;
                        }
                    }
                    if (waitsForInput(run, step, s)) {
                        ex.awaiting.add(step.name());
                        continue;
                    }
                    if (run.executions >= config.workflows().maxSteps()) {
                        fail(ex, "the run reached its limit of " + config.workflows().maxSteps()
                                + " step executions (toolgate.workflows.max-steps) before step " + step.name());
                        return;
                    }
                    launch(ex, step, s, context);
                }
            }
            if (!ex.running.isEmpty() || !ex.retryWaiting.isEmpty()) {
                return;
            }
            if (run.steps.values().stream().allMatch(s -> s.status.settled())) {
                run.state = RunState.COMPLETED;
                finishRun(ex, run);
            } else if (!ex.awaiting.isEmpty()) {
                run.state = RunState.WAITING_FOR_INPUT;
                run.leaseOwner = null;
                run.leaseUntil = null;
                store.updateRun(run);
                active.remove(run.id);
                metrics.transition(run.workflow, RunState.WAITING_FOR_INPUT);
            }
        }
    }

    private void skip(RunRecord run, StepRecord s, String why) {
        s.status = StepStatus.SKIPPED;
        s.error = null;
        s.result = null;
        s.finishedAt = WorkflowStore.now();
        ObjectNode reason = JSON.objectNode();
        reason.put("code", "SKIPPED");
        reason.put("message", why);
        s.error = reason;
        store.updateStep(run.id, s);
    }

    private void launch(Execution ex, Step step, StepRecord s, JsonNode context) {
        RunRecord run = ex.run;
        s.status = StepStatus.RUNNING;
        s.attempts++;
        s.startedAt = WorkflowStore.now();
        s.finishedAt = null;
        run.executions++;
        if (run.state == RunState.STARTED) {
            run.state = RunState.IN_PROGRESS;
        }
        // Written before the call starts: after a crash, "running" is what tells the next owner the step may have run.
        store.updateStep(run.id, s);
        store.updateRun(run);
        CallControl control = CallControl.cancellable();
        ex.running.put(step.name(), control);
        threads.execute(() -> call(ex, step, s, context, control));
    }

    private void call(Execution ex, Step step, StepRecord s, JsonNode context, CallControl control) {
        JsonNode arguments;
        Object raw;
        if (step.llm()) {
            Optional<RegisteredTool> tool = registry.find(step.tool());
            if (tool.isEmpty()) {
                finish(ex, step, s, null, Outcome.failure(ErrorCode.FUNCTION_NOT_FOUND, "tool '" + step.tool()
                        + "' is no longer registered"));
                return;
            }
            JsonNode given = s.approval == null ? null : s.approval.path("data").get("arguments");
            if (given != null && given.isObject()) {
                // Chosen by the starting client's model (MCP sampling) or by whoever gave the step's input.
                arguments = given;
                raw = given;
            } else if (!modelConfigured()) {
                finish(ex, step, s, null, Outcome.failure(ErrorCode.EXECUTION_ERROR, "step " + step.name()
                        + " has arguments: llm, but no model is configured " + (model.isResolvable()
                                ? "(set quarkus.langchain4j.openai.api-key and/or quarkus.langchain4j.openai.base-url)"
                                : "(the application has no model client: add io.quarkiverse.langchain4j:"
                                        + "quarkus-langchain4j-openai)")));
                return;
            } else {
                try {
                    String chosen = model.get().choose(tool.get().definition(), prompt(step, context),
                            step.timeout() != null ? step.timeout() : config.workflows().modelTimeout());
                    raw = chosen;
                    arguments = jsonOrText(chosen);
                } catch (ModelArguments.ModelArgumentsException e) {
                    finish(ex, step, s, null, Outcome.failure(ErrorCode.EXECUTION_ERROR,
                            "the model could not choose the arguments: " + e.getMessage()));
                    return;
                }
            }
        } else {
            arguments = Templates.resolve(step.arguments(), context);
            raw = arguments;
        }
        Invocation invocation = Invocation.builder(step.tool(), Door.WORKFLOW).arguments(raw)
                .caller(ex.run.caller).requestId("wf-" + ex.run.id).toolCallId(step.name()).control(control).build();
        CompletableFuture<Outcome> running = pipeline.invoke(invocation).toCompletableFuture();
        CompletableFuture<Outcome> answer = running;
        if (step.timeout() != null) {
            // The same mechanism as the batch deadline: answer TIMEOUT at the step's limit and cancel the call, which
            // interrupts the tool and frees its bulkhead slot.
            answer = running.copy().completeOnTimeout(Outcome.failure(ErrorCode.TIMEOUT, "step " + step.name()
                    + " did not finish within its timeout of " + step.timeout().toMillis() + " ms"),
                    step.timeout().toMillis(), TimeUnit.MILLISECONDS);
            answer.thenRun(() -> {
                if (!running.isDone()) {
                    control.cancel();
                }
            });
        }
        JsonNode args = arguments;
        answer.whenComplete((outcome, failure) -> threads.execute(() -> finish(ex, step, s, args,
                failure != null || outcome == null
                        ? Outcome.failure(ErrorCode.UNKNOWN_ERROR, "the step's call failed unexpectedly")
                        : outcome)));
    }

    /** A model's arguments as JSON, or as the text it wrote (which the pipeline then refuses readably). */
    private static JsonNode jsonOrText(String chosen) {
        try {
            return WorkflowStore.JSON.readTree(chosen);
        } catch (java.io.IOException notJson) {
            return JSON.textNode(chosen);
        }
    }

    private static String prompt(Step step, JsonNode context) {
        StringBuilder p = new StringBuilder();
        p.append("Workflow step '").append(step.name()).append("' calls tool '").append(step.tool()).append("'.\n");
        if (step.instructions() != null) {
            p.append("Instructions: ").append(Templates.resolve(JSON.textNode(step.instructions()), context).asText())
                    .append('\n');
        }
        p.append("Workflow input: ").append(context.path("input")).append('\n');
        ObjectNode results = JSON.objectNode();
        context.path("steps").fields().forEachRemaining(e -> {
            if ("succeeded".equals(e.getValue().path("status").asText())) {
                results.set(e.getKey(), e.getValue().path("result"));
            }
        });
        p.append("Results of earlier steps: ").append(results);
        return p.toString();
    }

    private void finish(Execution ex, Step step, StepRecord s, JsonNode arguments, Outcome outcome) {
        try {
            finishUnsafe(ex, step, s, arguments, outcome);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Workflow run %s: the result of step %s could not be recorded", ex.run.id, step.name());
            synchronized (ex) {
                ex.running.remove(step.name());
                if (!ex.run.state.terminal()) {
                    try {
                        fail(ex, "the result of step " + step.name() + " could not be recorded; see the server log");
                    } catch (RuntimeException again) {
                        LOG.errorf(again, "Workflow run %s could not be marked failed", ex.run.id);
                    }
                }
            }
        }
    }

    private void finishUnsafe(Execution ex, Step step, StepRecord s, JsonNode arguments, Outcome outcome) {
        if (stopping) {
            // The process is going down and interrupted the call: the step stays "running" in the database, and
            // whoever continues the run applies the idempotency rule to it, as after a crash.
            return;
        }
        synchronized (ex) {
            ex.running.remove(step.name());
            RunRecord run = ex.run;
            s.arguments = arguments;
            s.finishedAt = WorkflowStore.now();
            if (outcome.isSuccess()) {
                s.status = StepStatus.SUCCEEDED;
                s.result = outcome.result();
                s.error = null;
                store.updateStep(run.id, s);
                if (!run.state.terminal()) {
                    threads.execute(() -> advance(ex));
                }
                return;
            }
            ObjectNode error = OutcomeJson.error(outcome);
            error.put("attempt", s.attempts);
            s.error = error;
            s.result = null;
            if (run.state.terminal()) {
                s.status = StepStatus.FAILED;
                store.updateStep(run.id, s);
                return;
            }
            if (step.onError() == OnError.RETRY && s.attempts < step.maxAttempts() && retryable(step, outcome)) {
                s.status = StepStatus.PENDING;
                store.updateStep(run.id, s);
                ex.retryWaiting.add(step.name());
                long delay = step.backoff().toMillis() * (1L << Math.min(10, s.attempts - 1));
                timer.schedule(() -> threads.execute(() -> {
                    synchronized (ex) {
                        ex.retryWaiting.remove(step.name());
                    }
                    advance(ex);
                }), delay, TimeUnit.MILLISECONDS);
                return;
            }
            s.status = StepStatus.FAILED;
            store.updateStep(run.id, s);
            if (step.onError() == OnError.CONTINUE) {
                threads.execute(() -> advance(ex));
                return;
            }
            String attempts = step.onError() == OnError.RETRY ? " after " + s.attempts + " attempt(s)" : "";
            fail(ex, "step " + step.name() + " failed" + attempts + ": " + outcome.code() + ": " + outcome.message());
        }
    }

    /** Retrying cannot help when the call was refused for who or what it is; a model may choose better arguments. */
    private static boolean retryable(Step step, Outcome outcome) {
        return switch (outcome.code()) {
            case CANCELLED, FORBIDDEN, FUNCTION_NOT_FOUND, UNAUTHORIZED, PAYLOAD_TOO_LARGE -> false;
            case VALIDATION_ERROR, INVALID_JSON -> step.llm();
            default -> true;
        };
    }

    private void fail(Execution ex, String message) {
        ex.run.state = RunState.FAILED;
        ex.run.error = message;
        for (StepRecord s : ex.run.steps.values()) {
            if (s.status == StepStatus.PENDING) {
                s.status = StepStatus.SKIPPED;
                s.finishedAt = WorkflowStore.now();
                s.error = error("SKIPPED", "the run failed before this step ran");
                store.updateStep(ex.run.id, s);
            }
        }
        finishRun(ex, ex.run);
    }

    private void finishRun(Execution ex, RunRecord run) {
        run.finishedAt = WorkflowStore.now();
        run.leaseOwner = null;
        run.leaseUntil = null;
        store.updateRun(run);
        active.remove(run.id);
        metrics.transition(run.workflow, run.state);
        LOG.debugf("Workflow run %s (%s) %s", run.id, run.workflow, run.state.id());
    }

    /** What templates and conditions read: the input, the run, and every step's status, result, error, approval. */
    static JsonNode context(RunRecord run) {
        ObjectNode ctx = JSON.objectNode();
        ctx.set("input", run.input == null ? JSON.objectNode() : run.input);
        ObjectNode r = ctx.putObject("run");
        r.put("id", run.id);
        r.put("workflow", run.workflow);
        r.put("version", run.version);
        r.put("principal", run.caller.principal());
        ObjectNode steps = ctx.putObject("steps");
        for (StepRecord s : run.steps.values()) {
            ObjectNode n = steps.putObject(s.name);
            n.put("status", s.status.id());
            n.set("result", s.result == null ? JSON.nullNode() : s.result);
            n.set("error", s.error == null ? JSON.nullNode() : s.error);
            n.set("approval", s.approval == null ? JSON.nullNode() : s.approval);
        }
        return ctx;
    }

    static ObjectNode error(String code, String message) {
        ObjectNode e = JSON.objectNode();
        e.put("code", code);
        e.put("message", message);
        return e;
    }

    /** Test hook: whether this instance currently runs the given run. */
    public boolean owns(String id) {
        return active.containsKey(id);
    }
}

package io.toolgate.workflow;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.security.Caller;
import io.toolgate.tool.ClientInput;
import io.toolgate.tool.Tool;
import io.toolgate.tool.ToolException;
import io.toolgate.tool.ToolHints;
import io.toolgate.tool.ToolParam;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Workflows as one tool, so that an agent (above all an MCP client) can start a run and see it through: the call
 * lasts as long as the run and answers with it. What the run waits for is asked of the calling client, when it can
 * be asked: an approval step through elicitation (a person confirms in the client), an {@code arguments: llm} step
 * without a model configured here through sampling (the client's model chooses). Over MCP 2026-07-28, for a client
 * that supports tasks, the run is a task from the start and its questions are the task's input requests. A client
 * that cannot be asked gets the run as it stands, waiting, to be answered through
 * {@code POST /workflows/runs/{id}/input}.
 */
@ApplicationScoped
public class RunWorkflowTool {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** How often a run advanced by another instance is read again; a local run wakes the waiter at once. */
    private static final long POLL_MS = 250;

    @Inject
    WorkflowEngine engine;
    @Inject
    WorkflowDefinitions definitions;
    @Inject
    WorkflowStore store;
    @Inject
    RunViews views;

    private final Map<String, Semaphore> waiters = new ConcurrentHashMap<>();

    @PostConstruct
    void listen() {
        store.onRunChanged(id -> {
            Semaphore waiter = waiters.get(id);
            if (waiter != null) {
                waiter.release();
            }
        });
    }

    @Tool(name = "run_workflow", title = "Run a workflow", taskSupport = ToolHints.TaskSupport.OPTIONAL,
            taskWindowMs = 0, timeoutMs = 900_000, maxRetries = 0,
            description = "Start a run of a stored workflow (GET /workflows lists them; for example order_fulfillment"
                    + " with {\"customer_id\": 12345, \"product_id\": \"LAP-001\", \"quantity\": 2}) and wait for it"
                    + " to end. Answers with the run: its state and every step's arguments and result. Approval"
                    + " steps are put to the person using the client when it supports elicitation; otherwise the"
                    + " answer is the waiting run, to be approved through POST /workflows/runs/{run_id}/input.")
    public JsonNode runWorkflow(
            @ToolParam(description = "Name of the workflow, for example order_fulfillment") @NotBlank
            @Pattern(regexp = "^[A-Za-z0-9_]{1,64}$") String workflow,
            @ToolParam(description = "The run's input object, as the workflow's templates read it (${input.<field>})")
            Optional<Map<String, Object>> input,
            Caller caller) throws InterruptedException {
        RunRecord run = startOrResume(workflow, input.map(i -> (JsonNode) WorkflowStore.JSON.valueToTree(i))
                .orElseGet(JSON::objectNode), caller);
        try {
            return await(run.id, caller);
        } catch (InterruptedException e) {
            // The call was cancelled (tasks/cancel, notifications/cancelled, its timeout): so is the run it started.
            engine.cancel(run.id, caller);
            throw e;
        }
    }

    /** A call run again with answers (MCP 2026-07-28) continues the run its first round started. */
    private RunRecord startOrResume(String workflow, JsonNode input, Caller caller) {
        JsonNode remembered = ClientInput.recall("run_id");
        if (remembered != null) {
            Optional<RunRecord> run = store.run(remembered.asText()).filter(r -> views.visibleTo(r, caller));
            if (run.isPresent()) {
                return run.get();
            }
        }
        engine.awaitDefinitions();
        WorkflowDefinition definition;
        try {
            definition = definitions.latest(workflow).orElseThrow(() -> new ToolException("no workflow named '"
                    + workflow + "'; GET /workflows lists them"));
        } catch (InvalidDefinitionException e) {
            throw new ToolException("workflow '" + workflow + "' no longer validates: " + e.getMessage());
        }
        RunRecord run = engine.start(definition, input, caller, ClientInput.supports(ClientInput.SAMPLING));
        ClientInput.remember("run_id", JSON.textNode(run.id));
        return run;
    }

    private JsonNode await(String runId, Caller caller) throws InterruptedException {
        Semaphore changed = new Semaphore(0);
        waiters.put(runId, changed);
        try {
            while (true) {
                RunRecord run = store.run(runId).orElseThrow(() -> new ToolException("run " + runId
                        + " no longer exists"));
                if (run.state.terminal()) {
                    return ended(run);
                }
                if (run.state == RunState.WAITING_FOR_INPUT && !answer(run, caller)) {
                    // Nobody here can answer: the run waits for input through the REST door.
                    return views.view(run, true);
                }
                changed.tryAcquire(POLL_MS, TimeUnit.MILLISECONDS);
                changed.drainPermits();
            }
        } finally {
            waiters.remove(runId, changed);
        }
    }

    private JsonNode ended(RunRecord run) {
        ObjectNode view = views.view(run, true);
        if (run.state == RunState.COMPLETED) {
            return view;
        }
        throw new ToolException("workflow run " + run.id + " " + run.state.id()
                + (run.error != null ? ": " + run.error : "") + " (GET /workflows/runs/" + run.id + " shows every"
                + " step)");
    }

    /**
     * Puts the first step the run waits for to the client and gives the engine the answer. One at a time: the engine
     * resumes the run on the first input, and a run waiting on several steps comes back for the next.
     *
     * @return false when the client cannot be asked (or the person dismissed the question): the run stays waiting
     */
    private boolean answer(RunRecord run, Caller caller) throws InterruptedException {
        WorkflowDefinition definition = definitions.get(run.workflow, run.version).orElseThrow();
        List<String> waiting = engine.waitingSteps(run, definition);
        if (waiting.isEmpty()) {
            return true;
        }
        String step = waiting.get(0);
        ObjectNode request = engine.inputRequest(run, definition, step);
        boolean arguments = "arguments".equals(request.path("wants").asText());
        if (!ClientInput.supports(arguments ? ClientInput.SAMPLING : ClientInput.ELICITATION)) {
            return false;
        }
        String key = request.path("wants").asText() + "_" + step;
        JsonNode answer = ClientInput.ask(key, arguments ? "sampling/createMessage" : "elicitation/create",
                arguments ? StepQuestions.chooseArguments(request) : StepQuestions.approve(run, request));
        StepQuestions.Input input = arguments ? StepQuestions.arguments(answer) : StepQuestions.approval(answer);
        if (input == null) {
            return false;
        }
        WorkflowEngine.InputResult given = engine.input(store.run(run.id).orElseThrow(), step, input.approved(),
                input.data(), caller);
        if (given == WorkflowEngine.InputResult.UNKNOWN_STEP
                || given == WorkflowEngine.InputResult.ARGUMENTS_REQUIRED) {
            // Cannot happen for a step the run waits for; should it, asking again would only loop.
            throw new ToolException("run " + run.id + " did not take the input for step " + step + ": " + given);
        }
        return true;
    }
}

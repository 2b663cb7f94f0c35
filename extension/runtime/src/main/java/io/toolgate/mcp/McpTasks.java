package io.toolgate.mcp;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.scheduler.Scheduled;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.invoke.CallControl;
import io.toolgate.invoke.ErrorCode;
import io.toolgate.invoke.Outcome;
import io.toolgate.tool.ClientInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * MCP tasks (the 2026-07-28 tasks extension, SEP-2663): a tool call that outlives {@code toolgate.mcp.task-window}
 * becomes a task the client polls with {@code tasks/get}, answers with {@code tasks/update} and stops with
 * {@code tasks/cancel}. A call answered within the window is answered directly, a question asked within it is an
 * ordinary input-required result; so a tool need not know whether it runs as a task. The task's state is in the
 * database ({@link TaskStore}); the call itself runs on the instance that received it, which picks up answers and
 * cancellations from there, so any instance can serve the client's polls.
 */
@ApplicationScoped
public class McpTasks {

    static final String EXTENSION = "io.modelcontextprotocol/tasks";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final long POLL_INTERVAL_MS = 500;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, CallControl> running = new ConcurrentHashMap<>();

    @Inject
    TaskStore store;
    @Inject
    ToolgateConfig config;

    /** Whether this request's client declared the tasks extension (per request: nothing is remembered). */
    static boolean declared(McpContext context) {
        return context.meta() != null
                && context.meta().capabilities().path("extensions").path(EXTENSION).isObject();
    }

    static McpError extensionRequired(String what) {
        ObjectNode data = JSON.objectNode();
        data.putObject("requiredCapabilities").putObject("extensions").putObject(EXTENSION);
        return new McpError(JsonRpc.MISSING_CLIENT_CAPABILITY, what + " needs the client capability extensions."
                + EXTENSION + ", which this request did not declare", data);
    }

    /** The question channel of a call that may become a task. */
    TaskInput input(ClientCapabilities capabilities, Map<String, JsonNode> answers) {
        return new TaskInput(capabilities, answers);
    }

    /**
     * Waits the task window for the call: its own response when it ends within it (a result, an input-required
     * result), else a task whose end the database will hold.
     *
     * @param toolWindowMs the tool's own window ({@link io.toolgate.tool.Tool#taskWindowMs}); negative for
     *        {@code toolgate.mcp.task-window}
     * @param respond how an outcome ending within the window is answered
     */
    CompletableFuture<ObjectNode> answerOrStart(JsonNode id, String tool, String principal,
            CompletableFuture<Outcome> call, CallControl control, TaskInput input, long toolWindowMs,
            Function<Outcome, ObjectNode> respond) {
        CompletableFuture<ObjectNode> response = new CompletableFuture<>();
        Runnable decide = () -> {
            synchronized (input) {
                if (response.isDone()) {
                    return;
                }
                if (call.isDone()) {
                    response.complete(respond.apply(call.join()));
                    return;
                }
                String taskId = newId();
                Instant now = Instant.now();
                store.create(taskId, principal, tool, now.plus(config.mcp().taskTtl()));
                input.promote(taskId);
                running.put(taskId, control);
                call.whenComplete((outcome, failure) -> {
                    running.remove(taskId);
                    finish(taskId, failure == null ? outcome
                            : Outcome.failure(ErrorCode.UNKNOWN_ERROR, "Internal error"));
                });
                response.complete(JsonRpc.result(id, created(taskId, now)));
            }
        };
        call.whenComplete((outcome, failure) -> decide.run());
        long window = toolWindowMs >= 0 ? toolWindowMs : config.mcp().taskWindow().toMillis();
        CompletableFuture.delayedExecutor(window, TimeUnit.MILLISECONDS).execute(decide);
        return response;
    }

    private void finish(String taskId, Outcome outcome) {
        if (outcome.isSuccess()) {
            store.finish(taskId, TaskStore.Status.COMPLETED, complete(CallToolResults.success(outcome,
                    outcome.result() != null && outcome.result().isObject())), null, null);
            return;
        }
        switch (outcome.code()) {
            case CANCELLED -> store.finish(taskId, TaskStore.Status.CANCELLED, null, null, outcome.message());
            case FUNCTION_NOT_FOUND, UNKNOWN_ERROR, CLIENT_CAPABILITY_MISSING, INPUT_REQUIRED -> {
                // Not the tool's answer but the protocol's failure: the task failed with a JSON-RPC error.
                ObjectNode error = JSON.objectNode()
                        .put("code", outcome.code() == ErrorCode.CLIENT_CAPABILITY_MISSING
                                ? JsonRpc.MISSING_CLIENT_CAPABILITY
                                : outcome.code() == ErrorCode.FUNCTION_NOT_FOUND ? JsonRpc.INVALID_PARAMS
                                        : JsonRpc.INTERNAL_ERROR)
                        .put("message", outcome.message());
                if (outcome.code() == ErrorCode.CLIENT_CAPABILITY_MISSING) {
                    error.putObject("data").putObject("requiredCapabilities").putObject(outcome.data().asText());
                }
                store.finish(taskId, TaskStore.Status.FAILED, null, error, outcome.message());
            }
            default -> store.finish(taskId, TaskStore.Status.COMPLETED, complete(CallToolResults.toolError(outcome)),
                    null, null);
        }
    }

    ObjectNode get(JsonNode params, McpContext context) throws McpError {
        TaskStore.Task task = find(params, context, "tasks/get");
        ObjectNode result = describe(task);
        result.put("resultType", "complete");
        if (task.status() == TaskStore.Status.INPUT_REQUIRED && task.inputRequests() != null) {
            result.set("inputRequests", task.inputRequests());
        }
        if (task.result() != null) {
            result.set("result", task.result());
        }
        if (task.error() != null) {
            result.set("error", task.error());
        }
        return result;
    }

    ObjectNode update(JsonNode params, McpContext context) throws McpError {
        TaskStore.Task task = find(params, context, "tasks/update");
        JsonNode responses = params.get("inputResponses");
        if (responses == null || !responses.isObject()) {
            throw new McpError(JsonRpc.INVALID_PARAMS, "tasks/update needs params.inputResponses, the answers keyed"
                    + " as the task's inputRequests named them");
        }
        store.answer(task, responses);
        return acknowledged();
    }

    ObjectNode cancel(JsonNode params, McpContext context) throws McpError {
        TaskStore.Task task = find(params, context, "tasks/cancel");
        if (!task.status().terminal()) {
            store.requestCancel(task.id());
            CallControl control = running.get(task.id());
            if (control != null) {
                control.cancel();
            }
        }
        return acknowledged();
    }

    /** Cancellations asked of another instance reach the calls running here. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        running.forEach((taskId, control) -> store.find(taskId, null).filter(TaskStore.Task::cancelRequested)
                .ifPresent(task -> control.cancel()));
    }

    // Not at start-up, where it would compete with the first requests (and, without a datasource, start the private
    // in-memory database for nothing).
    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        store.deleteExpired();
    }

    private TaskStore.Task find(JsonNode params, McpContext context, String method) throws McpError {
        if (!declared(context)) {
            throw extensionRequired(method);
        }
        JsonNode taskId = params.get("taskId");
        if (taskId == null || !taskId.isTextual()) {
            throw new McpError(JsonRpc.INVALID_PARAMS, method + " needs params.taskId");
        }
        // Another principal's task is as unknown as a task that never existed.
        return store.find(taskId.asText(), context.caller().principal()).orElseThrow(() -> new McpError(
                JsonRpc.INVALID_PARAMS, "Unknown task " + McpHttpTransport.quote(taskId.asText())
                        + "; it may have expired"));
    }

    private ObjectNode created(String taskId, Instant now) {
        ObjectNode result = JSON.objectNode();
        result.put("resultType", "task");
        result.put("taskId", taskId).put("status", TaskStore.Status.WORKING.wireName());
        result.put("createdAt", now.toString()).put("lastUpdatedAt", now.toString());
        result.put("ttlMs", config.mcp().taskTtl().toMillis()).put("pollIntervalMs", POLL_INTERVAL_MS);
        // A task result is a CallToolResult on the wire, whose schema requires content.
        result.putArray("content");
        return result;
    }

    private ObjectNode describe(TaskStore.Task task) {
        ObjectNode result = JSON.objectNode();
        result.put("taskId", task.id()).put("status", task.status().wireName());
        if (task.statusMessage() != null) {
            result.put("statusMessage", task.statusMessage());
        }
        result.put("createdAt", task.createdAt().toString()).put("lastUpdatedAt", task.updatedAt().toString());
        result.put("ttlMs", Math.max(1, Duration.between(task.createdAt(), task.expiresAt()).toMillis()));
        result.put("pollIntervalMs", POLL_INTERVAL_MS);
        return result;
    }

    private static ObjectNode complete(ObjectNode callToolResult) {
        callToolResult.put("resultType", "complete");
        return callToolResult;
    }

    private static ObjectNode acknowledged() {
        return JSON.objectNode().put("resultType", "complete");
    }

    private String newId() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Questions of a call that may become a task: before it does, an unanswered question ends the call with an
     * input-required result (so a tool can ask before any work starts); once it is a task, the task waits in
     * {@code input_required} until {@code tasks/update} brings the answers, on whichever instance.
     */
    final class TaskInput implements ClientInput.Channel {

        private final ClientCapabilities capabilities;
        private final ClientInput.Channel beforeTask;
        private String taskId;

        TaskInput(ClientCapabilities capabilities, Map<String, JsonNode> answers) {
            this.capabilities = capabilities;
            this.beforeTask = InputChannels.retried(capabilities, answers);
        }

        synchronized void promote(String id) {
            this.taskId = id;
        }

        @Override
        public boolean supports(String capability) {
            return capabilities.has(capability);
        }

        // Before it is a task the call may still end and be retried; after, it never starts over.
        @Override
        public JsonNode recall(String key) {
            return beforeTask.recall(key);
        }

        @Override
        public void remember(String key, JsonNode value) {
            beforeTask.remember(key, value);
        }

        @Override
        public Map<String, JsonNode> ask(Map<String, ObjectNode> questions) throws InterruptedException {
            String id;
            synchronized (this) {
                if (taskId == null) {
                    return beforeTask.ask(questions);
                }
                id = taskId;
            }
            InputChannels.checkCapabilities(capabilities, questions);
            ObjectNode open = JSON.objectNode();
            questions.forEach(open::set);
            store.awaitInput(id, open);
            while (true) {
                Thread.sleep(100);
                TaskStore.Task task = store.find(id, null).orElseThrow(() -> new InterruptedException("task gone"));
                if (task.status() == TaskStore.Status.WORKING && task.answers() != null) {
                    Map<String, JsonNode> answers = new LinkedHashMap<>();
                    questions.keySet().forEach(key -> answers.put(key, task.answers().get(key)));
                    if (!answers.containsValue(null)) {
                        return answers;
                    }
                }
            }
        }
    }
}

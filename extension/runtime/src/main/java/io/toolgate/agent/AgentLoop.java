package io.toolgate.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.discovery.DiscoveryMetrics;
import io.toolgate.discovery.TokenCost;
import io.toolgate.discovery.ToolSearch;
import io.toolgate.tool.ToolFormats;
import io.toolgate.invoke.BatchExecutor;
import io.toolgate.invoke.BatchExecutor.BatchResult;
import io.toolgate.invoke.Door;
import io.toolgate.invoke.ErrorCode;
import io.toolgate.invoke.Outcome;
import io.toolgate.invoke.OutcomeJson;
import io.toolgate.invoke.ToolCallRequest;
import io.toolgate.security.Caller;
import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The LLM loop: ask the model, run the tool calls it asks for through the pipeline (door AGENT, the HTTP caller),
 * hand the results back as {@code role: tool} messages, and repeat until it answers without tool calls or
 * {@code max_steps} model calls have been made. Tool failures of any kind (unknown name, bad JSON, validation,
 * timeouts) are results for the model to read and correct, never a failure of the loop.
 */
@ApplicationScoped
class AgentLoop {

    static final String MAX_STEPS_REASON = "max_steps";

    /** What the loop ended with; {@code finishReason} is OpenAI's word, or {@code max_steps}. */
    record Result(String model, AiMessage answer, String finishReason, Usage usage, ArrayNode steps) {
    }

    @Inject
    ModelGateway model;
    @Inject
    BatchExecutor executor;
    @Inject
    ToolRegistry registry;
    @Inject
    ToolgateConfig config;
    @Inject
    TokenUsageRecorder usageRecorder;
    @Inject
    ToolSearch search;
    @Inject
    DiscoveryMetrics metrics;

    Result run(ChatCompletionRequest request, Caller caller, String requestId, Deadline deadline) {
        int maxSteps = request.maxSteps() != null ? request.maxSteps() : config.agent().maxSteps();
        if (maxSteps > config.agent().maxStepsLimit()) {
            throw new AgentFailure(AgentError.INVALID_REQUEST, "max_steps must be at most "
                    + config.agent().maxStepsLimit() + " (toolgate.agent.max-steps-limit), got " + maxSteps);
        }
        Map<String, RegisteredTool> allowed = offeredTools(request, caller);
        SearchSelection selection = request.selection().search()
                ? new SearchSelection(allowed, search, caller, request.selection().topK()) : null;
        Map<String, RegisteredTool> offered = selection == null ? allowed
                : selection.initial(request.messages(), request.forcedTool());
        String modelName = request.model() != null ? request.model() : model.defaultModelName();

        List<ChatMessage> history = new ArrayList<>(request.messages());
        ArrayNode trace = JsonNodeFactory.instance.arrayNode();
        Usage total = Usage.NONE;
        for (int step = 1; step <= maxSteps; step++) {
            ChatRequest.Builder ask = ChatRequest.builder().messages(history);
            if (request.model() != null) {
                ask.modelName(request.model());
            }
            if (request.temperature() != null) {
                ask.temperature(request.temperature());
            }
            if (request.maxTokens() != null) {
                ask.maxOutputTokens(request.maxTokens());
            }
            List<ToolSpecification> specs = new ArrayList<>();
            offered.values().forEach(t -> specs.add(ToolSpecifications.of(t.definition())));
            int offeredTokens = offered.values().stream()
                    .mapToInt(t -> TokenCost.of(t.definition(), ToolFormats.Format.OPENAI)).sum();
            if (selection != null) {
                specs.add(SearchSelection.SPEC);
                offeredTokens += SearchSelection.TOKENS;
            }
            metrics.offered("agent", specs.size(), offeredTokens);
            offerTools(ask, request, specs, step);
            long modelStart = System.nanoTime();
            ChatResponse response = model.chat(ask.build(), deadline);
            double modelMs = millis(System.nanoTime() - modelStart);
            if (response.modelName() != null) {
                modelName = response.modelName();
            }
            Usage usage = Usage.of(response.tokenUsage());
            total = total.plus(usage);
            usageRecorder.step(modelName, usage);

            AiMessage answer = response.aiMessage();
            ObjectNode stepTrace = trace.addObject();
            stepTrace.put("step", step);
            stepTrace.put("tools_offered", specs.size());
            stepTrace.put("tool_tokens", offeredTokens);
            stepTrace.put("model_ms", modelMs);
            stepTrace.set("usage", usage.json());
            boolean runTools = answer.hasToolExecutionRequests() && !ChatCompletionRequest.NONE.equals(
                    request.toolChoice());
            if (!runTools) {
                String finish = finishReason(response.finishReason(), answer);
                stepTrace.put("finish_reason", finish);
                return new Result(modelName, answer, finish, total, trace);
            }
            stepTrace.put("finish_reason", "tool_calls");
            history.add(answer);
            runToolCalls(answer, offered, selection, caller, requestId, deadline, history, stepTrace);
        }
        // Every step asked for tools; their results are in the trace. No further model call is made, so the
        // answer has no content: the caller decides whether to raise max_steps or read the trace.
        return new Result(modelName, AiMessage.from(""), MAX_STEPS_REASON, total, trace);
    }

    /**
     * The caller's visible tools, narrowed by the request's {@code tools} list: only names of registered tools
     * the caller may see count, so a request can never widen its own permissions.
     */
    private Map<String, RegisteredTool> offeredTools(ChatCompletionRequest request, Caller caller) {
        Map<String, RegisteredTool> offered = new LinkedHashMap<>();
        Set<String> wanted = request.toolNames();
        for (RegisteredTool t : registry.visibleTo(caller)) {
            if (wanted == null || wanted.contains(t.name())) {
                offered.put(t.name(), t);
            }
        }
        if (request.forcedTool() != null && !offered.containsKey(request.forcedTool())) {
            throw new AgentFailure(AgentError.INVALID_REQUEST, "tool_choice names \"" + request.forcedTool()
                    + "\", which is not among the tools offered to this caller: " + offered.keySet());
        }
        if (ChatCompletionRequest.REQUIRED.equals(request.toolChoice()) && offered.isEmpty()) {
            throw new AgentFailure(AgentError.INVALID_REQUEST,
                    "tool_choice is \"required\" but no tool is offered to this caller");
        }
        return offered;
    }

    /**
     * {@code required} and a named function bind the first step only: held on every step, the model could never
     * give its final answer. A named function is offered alone with "required", the form langchain4j can send.
     */
    private static void offerTools(ChatRequest.Builder ask, ChatCompletionRequest request,
            List<ToolSpecification> specs, int step) {
        if (specs.isEmpty()) {
            return;
        }
        String choice = request.toolChoice();
        if (step == 1 && ChatCompletionRequest.FUNCTION.equals(choice)) {
            ask.toolSpecifications(specs.stream().filter(s -> s.name().equals(request.forcedTool())).toList());
            ask.toolChoice(ToolChoice.REQUIRED);
            return;
        }
        ask.toolSpecifications(specs);
        if (ChatCompletionRequest.NONE.equals(choice)) {
            ask.toolChoice(ToolChoice.NONE);
        } else if (step == 1 && ChatCompletionRequest.REQUIRED.equals(choice)) {
            ask.toolChoice(ToolChoice.REQUIRED);
        } else {
            ask.toolChoice(ToolChoice.AUTO);
        }
    }

    private void runToolCalls(AiMessage answer, Map<String, RegisteredTool> offered, SearchSelection selection,
            Caller caller, String requestId, Deadline deadline, List<ChatMessage> history, ObjectNode stepTrace) {
        List<ToolExecutionRequest> asked = answer.toolExecutionRequests();
        List<ToolCallRequest> calls = new ArrayList<>();
        Map<Integer, Outcome> refused = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            ToolExecutionRequest r = asked.get(i);
            String id = r.id() != null && !r.id().isBlank() ? r.id() : "call_" + stepTrace.get("step") + "_" + i;
            ids.add(id);
            if (selection != null && SearchSelection.SEARCH_TOOL.equals(r.name()) && !offered.containsKey(r.name())) {
                // Answered here, not by the pipeline: a search over what the conversation may use anyway.
                refused.put(i, selection.answer(r.arguments(), offered));
            } else if (registry.find(r.name()).isPresent() && !offered.containsKey(r.name())) {
                // A real tool the request narrowed away (or the caller may not see): not run, and named the same
                // way as an unknown one, so a narrowed conversation cannot probe for hidden tools.
                refused.put(i, Outcome.failure(ErrorCode.FUNCTION_NOT_FOUND, "No tool named '" + r.name()
                        + "' is available here; available tools: " + offered.keySet()));
            }
            calls.add(new ToolCallRequest(id, r.name(), r.arguments() == null ? "{}" : r.arguments(), null));
        }
        List<ToolCallRequest> toRun = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            if (!refused.containsKey(i)) {
                toRun.add(calls.get(i));
            }
        }
        BatchResult batch = awaitBatch(toRun, caller, requestId, deadline);
        ArrayNode traced = stepTrace.putArray("tool_calls");
        int next = 0;
        for (int i = 0; i < calls.size(); i++) {
            ToolCallRequest call = calls.get(i);
            Outcome outcome = refused.containsKey(i) ? refused.get(i) : batch.results().get(next++).outcome();
            history.add(ToolExecutionResultMessage.from(call.id(), call.name(), OutcomeJson.modelText(outcome)));
            ObjectNode t = traced.addObject();
            t.put("id", call.id());
            t.put("name", call.name());
            t.put("arguments", (String) call.arguments());
            t.put("success", outcome.isSuccess());
            if (!outcome.isSuccess()) {
                t.put("code", outcome.code().name());
                t.put("message", outcome.message());
            }
            t.put("duration_ms", outcome.durationMillis());
        }
        stepTrace.put("tools_wall_ms", batch.wallTimeMillis());
    }

    private BatchResult awaitBatch(List<ToolCallRequest> calls, Caller caller, String requestId,
            Deadline deadline) {
        deadline.check();
        long remaining = deadline.remainingMillis();
        try {
            return executor.execute(calls, Door.AGENT, caller, requestId, Duration.ofMillis(remaining))
                    .toCompletableFuture().get(remaining + 1_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw deadline.expired();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw deadline.expired();
        } catch (ExecutionException e) {
            // The batch executor turns every tool failure into an Outcome; reaching here is a Toolgate bug.
            throw new IllegalStateException("tool batch failed", e.getCause());
        }
    }

    private static String finishReason(FinishReason reason, AiMessage answer) {
        if (reason == null) {
            return answer.hasToolExecutionRequests() ? "tool_calls" : "stop";
        }
        return switch (reason) {
            case LENGTH -> "length";
            case CONTENT_FILTER -> "content_filter";
            case TOOL_EXECUTION -> "tool_calls";
            default -> "stop";
        };
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}

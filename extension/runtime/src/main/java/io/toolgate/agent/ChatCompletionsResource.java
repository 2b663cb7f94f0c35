package io.toolgate.agent;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.invoke.JsonReading;
import io.toolgate.security.Caller;
import io.toolgate.security.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The agent door: an OpenAI Chat Completions request in, the loop run, a chat completion out with Toolgate's trace
 * in an extra {@code toolgate} field. Translates only; the loop lives in {@link AgentLoop}.
 */
@Path("/v1/chat/completions")
public class ChatCompletionsResource {

    private static final Logger LOG = Logger.getLogger(ChatCompletionsResource.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    AgentLoop loop;
    @Inject
    ModelGateway model;
    @Inject
    JsonReading json;
    @Inject
    ToolgateConfig config;
    @Inject
    Callers callers;
    @Inject
    TokenUsageRecorder usageRecorder;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> complete(byte[] body) {
        if (!config.agent().enabled()) {
            return done(error(new AgentFailure(AgentError.AGENT_DISABLED,
                    "The agent endpoint is switched off (toolgate.agent.enabled=false)")));
        }
        if (!model.configured()) {
            return done(error(ModelGateway.notConfigured()));
        }
        ChatCompletionRequest request;
        try {
            request = ChatCompletionRequest.read(json.read(body, "request body"));
        } catch (JsonReading.Rejected e) {
            return done(error(new AgentFailure(AgentError.INVALID_REQUEST, e.getMessage())));
        } catch (AgentFailure e) {
            return done(error(e));
        }
        // The caller is bound to the HTTP request's context: read it here, before the loop leaves this thread.
        Caller caller = callers.current();
        String requestId = "agent-" + UUID.randomUUID().toString().substring(0, 13);
        Deadline deadline = new Deadline(config.agent().deadline());
        long start = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> loop.run(request, caller, requestId, deadline),
                Infrastructure.getDefaultWorkerPool())
                // A model call stuck past the deadline must not hold the caller: answer 504 on time.
                .orTimeout(config.agent().deadline().toMillis() + 250, TimeUnit.MILLISECONDS)
                .handle((result, failure) -> {
                    double ms = (System.nanoTime() - start) / 1_000_000.0;
                    if (failure == null) {
                        usageRecorder.request(requestId, caller, result.model(), result.steps().size(),
                                result.usage(), null, ms);
                        return Response.ok(render(requestId, result)).build();
                    }
                    AgentFailure f = asAgentFailure(failure, deadline, requestId);
                    usageRecorder.request(requestId, caller, request.model() != null ? request.model()
                            : model.defaultModelName(), 0, Usage.NONE, f.error.name(), ms);
                    return error(f);
                });
    }

    private static AgentFailure asAgentFailure(Throwable failure, Deadline deadline, String requestId) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (t instanceof AgentFailure f) {
            return f;
        }
        if (t instanceof TimeoutException) {
            return deadline.expired();
        }
        LOG.errorf(t, "Agent request %s failed unexpectedly", requestId);
        return new AgentFailure(AgentError.INTERNAL_ERROR, "The agent request " + requestId
                + " failed inside Toolgate; retrying later may help");
    }

    private static ObjectNode render(String requestId, AgentLoop.Result result) {
        ObjectNode body = JSON.objectNode();
        body.put("id", "chatcmpl-" + requestId);
        body.put("object", "chat.completion");
        body.put("created", System.currentTimeMillis() / 1000);
        body.put("model", result.model());
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message(result.answer()));
        choice.put("finish_reason", result.finishReason());
        body.set("usage", result.usage().json());
        ObjectNode trace = body.putObject("toolgate");
        trace.put("request_id", requestId);
        trace.put("steps_taken", result.steps().size());
        if (AgentLoop.MAX_STEPS_REASON.equals(result.finishReason())) {
            trace.put("stopped", "The model still asked for tools after max_steps model calls; their results are"
                    + " in steps, no final answer was produced");
        }
        trace.set("steps", result.steps());
        return body;
    }

    private static ObjectNode message(AiMessage answer) {
        ObjectNode m = JSON.objectNode();
        m.put("role", "assistant");
        String text = answer.text();
        if (text == null || (text.isEmpty() && answer.hasToolExecutionRequests())) {
            m.putNull("content");
        } else {
            m.put("content", text);
        }
        if (answer.hasToolExecutionRequests()) {
            ArrayNode calls = m.putArray("tool_calls");
            List<ToolExecutionRequest> asked = answer.toolExecutionRequests();
            for (ToolExecutionRequest r : asked) {
                ObjectNode c = calls.addObject();
                c.put("id", r.id());
                c.put("type", "function");
                c.putObject("function").put("name", r.name()).put("arguments", r.arguments());
            }
        }
        return m;
    }

    /** OpenAI's error shape ({@code error.message}, {@code error.type}) with Toolgate's code, so both kinds of
     * client read it. */
    private static Response error(AgentFailure f) {
        ObjectNode body = JSON.objectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", f.error.name());
        error.put("message", f.getMessage());
        error.put("type", f.error.httpStatus >= 500 ? "server_error" : "invalid_request_error");
        return Response.status(f.error.httpStatus).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    private static CompletionStage<Response> done(Response response) {
        return CompletableFuture.completedFuture(response);
    }
}

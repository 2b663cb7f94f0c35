package io.toolgate.primitive;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.invoke.CallControl;
import io.toolgate.invoke.Door;
import io.toolgate.invoke.ErrorCode;
import io.toolgate.invoke.FieldError;
import io.toolgate.invoke.Invocation;
import io.toolgate.invoke.InvocationPipeline;
import io.toolgate.invoke.Outcome;
import io.toolgate.security.Caller;
import io.toolgate.tool.CodedToolException;
import io.toolgate.tool.PreparedCall;
import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolExecutor;
import io.toolgate.tool.ToolHints;
import io.toolgate.tool.ToolPolicy;
import io.toolgate.tool.ToolRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Makes MCP resources, prompts and completions travel the one invocation pipeline: each family, prompt or source is
 * a {@link ToolDefinition} compiled once by {@link ToolRegistry#compile} (never registered or listed as a tool), and
 * each read, get or complete is an {@link Invocation} with that target. Roles, rate limits
 * ({@code toolgate.tools."<target>".*} applies to targets as to tools), schema validation, the timeout and guard,
 * history, audit rows and metrics therefore all apply unchanged. This class also maps the pipeline's Outcome back to a
 * result body or a {@link PrimitiveException}.
 */
@Singleton
public class PrimitiveTargets {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    // Reading is safe to repeat, and retried only on transient failures (never on a refusal).
    private static final ToolHints READ_ONLY = new ToolHints(true, false, true, false);

    private final ToolRegistry registry;
    private final InvocationPipeline pipeline;

    @Inject
    public PrimitiveTargets(ToolRegistry registry, InvocationPipeline pipeline) {
        this.registry = registry;
        this.pipeline = pipeline;
    }

    /**
     * A target whose body may block.
     *
     * @param name the name audit rows, metrics and {@code toolgate.tools."<name>"} overrides use, such as
     *        {@code resource:documents} or {@code prompt:place_order}
     * @param roles a caller needs one of them; empty for everyone
     */
    public RegisteredTool blocking(String name, String description, ObjectNode inputSchema, Set<String> roles,
            PrimitiveBody.Blocking body) {
        return compile(name, description, inputSchema, roles, new ToolExecutor() {
            @Override
            public PreparedCall prepare(ObjectNode arguments, Caller caller) {
                return () -> {
                    try {
                        return body.run(arguments, caller);
                    } catch (PrimitiveException e) {
                        throw refusal(e);
                    }
                };
            }

            @Override
            public boolean blocking() {
                return true;
            }
        });
    }

    /** A target whose body completes asynchronously and never blocks the calling thread. */
    public RegisteredTool async(String name, String description, ObjectNode inputSchema, Set<String> roles,
            PrimitiveBody.Async body) {
        return compile(name, description, inputSchema, roles, new ToolExecutor() {
            @Override
            public PreparedCall prepare(ObjectNode arguments, Caller caller) {
                return () -> body.run(arguments, caller).handle((value, failure) -> {
                    if (failure == null) {
                        return value;
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    throw cause instanceof PrimitiveException p ? refusal(p)
                            : cause instanceof RuntimeException r ? r : new CompletionException(cause);
                });
            }

            @Override
            public boolean blocking() {
                return false;
            }
        });
    }

    private RegisteredTool compile(String name, String description, ObjectNode inputSchema, Set<String> roles,
            ToolExecutor executor) {
        // Timeout and bulkhead come from toolgate.defaults unless toolgate.tools."<name>" overrides them.
        ToolPolicy policy = new ToolPolicy(null, 0, null, null, Set.copyOf(roles), null, ToolPolicy.ResultCache.OFF);
        return registry.compile(new ToolDefinition(name, null, description, inputSchema, null, READ_ONLY, policy,
                executor, "mcp " + name));
    }

    /**
     * Runs one read, get or complete through the pipeline.
     *
     * @param hidden what the caller learns when the target's roles exclude it: the same NOT_FOUND an unknown name
     *        gets, so a caller cannot learn that hidden things exist; its data also goes with a NOT_FOUND the body
     *        raised
     * @return the result body, or a stage completed exceptionally with a {@link PrimitiveException}
     */
    public CompletionStage<ObjectNode> invoke(RegisteredTool target, ObjectNode arguments, Caller caller,
            CallControl control, PrimitiveException hidden) {
        Invocation call = Invocation.builder(target.name(), Door.MCP).target(target).arguments(arguments)
                .caller(caller).control(control == null ? CallControl.none() : control).build();
        CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
        pipeline.invoke(call).whenComplete((outcome, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(new PrimitiveException(PrimitiveException.Kind.INTERNAL,
                        "Toolgate failed to process the request (" + call.requestId() + ")"));
                return;
            }
            if (outcome.isSuccess() && outcome.result() instanceof ObjectNode body) {
                answer.complete(body);
                return;
            }
            answer.completeExceptionally(outcome.isSuccess()
                    ? new PrimitiveException(PrimitiveException.Kind.INTERNAL, target.name() + " answered no result")
                    : failure(target.name(), outcome, hidden));
        });
        return answer;
    }

    /** The one table from a failed Outcome to what the MCP door reports. */
    static PrimitiveException failure(String target, Outcome outcome, PrimitiveException hidden) {
        ErrorCode code = outcome.code();
        return switch (code) {
            case VALIDATION_ERROR, TOOL_REFUSED, INVALID_JSON, PAYLOAD_TOO_LARGE -> new PrimitiveException(
                    PrimitiveException.Kind.INVALID_PARAMS, invalidMessage(target, outcome), details(outcome));
            // Not "forbidden": a caller must not learn that something it may not see exists.
            case FORBIDDEN, UNAUTHORIZED -> hidden;
            case FUNCTION_NOT_FOUND -> new PrimitiveException(PrimitiveException.Kind.NOT_FOUND, outcome.message(),
                    hidden.data());
            case RATE_LIMITED -> new PrimitiveException(PrimitiveException.Kind.RATE_LIMITED, outcome.message(),
                    retryAfter(outcome.retryAfter()));
            case INPUT_REQUIRED -> new PrimitiveException(PrimitiveException.Kind.INPUT_REQUIRED, outcome.message(),
                    (ObjectNode) outcome.data());
            case CLIENT_CAPABILITY_MISSING -> {
                ObjectNode data = JSON.objectNode();
                data.putObject("requiredCapabilities").putObject(outcome.data().asText());
                yield new PrimitiveException(PrimitiveException.Kind.CAPABILITY_MISSING, outcome.message(), data);
            }
            default -> new PrimitiveException(PrimitiveException.Kind.INTERNAL, outcome.message());
        };
    }

    // The pipeline's own wording says "tool"; these are arguments of a prompt, resource read or completion.
    private static String invalidMessage(String target, Outcome outcome) {
        if (outcome.details().isEmpty()) {
            return outcome.message();
        }
        StringBuilder message = new StringBuilder("Invalid arguments for ").append(target).append(": ");
        for (int i = 0; i < outcome.details().size(); i++) {
            FieldError e = outcome.details().get(i);
            message.append(i == 0 ? "" : "; ").append(e.field()).append(' ').append(e.message());
        }
        return message.toString();
    }

    private static ObjectNode details(Outcome outcome) {
        if (outcome.details().isEmpty()) {
            return null;
        }
        ObjectNode data = JSON.objectNode();
        ArrayNode errors = data.putArray("errors");
        for (FieldError e : outcome.details()) {
            errors.addObject().put("field", e.field()).put("rule", e.rule()).put("message", e.message());
        }
        return data;
    }

    private static ObjectNode retryAfter(Duration wait) {
        return wait == null ? null : JSON.objectNode().put("retryAfterSeconds", Math.max(1, wait.toSeconds()));
    }

    /** Carries a body's refusal through the execution stage, which turns it into an Outcome with this code. */
    private static CodedToolException refusal(PrimitiveException e) {
        ErrorCode code = switch (e.kind()) {
            case NOT_FOUND -> ErrorCode.FUNCTION_NOT_FOUND;
            case INVALID_PARAMS -> ErrorCode.VALIDATION_ERROR;
            case RATE_LIMITED -> ErrorCode.RATE_LIMITED;
            case INTERNAL, INPUT_REQUIRED, CAPABILITY_MISSING -> ErrorCode.EXECUTION_ERROR;
        };
        return new CodedToolException(code, e.getMessage());
    }

    /** {@code {"type":"object","properties":{"uri":{"type":"string"}},"required":["uri"],...}}: one string. */
    public static ObjectNode oneStringSchema(String property, String description) {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        schema.putObject("properties").putObject(property).put("type", "string").put("description", description);
        schema.putArray("required").add(property);
        schema.put("additionalProperties", false);
        return schema;
    }
}

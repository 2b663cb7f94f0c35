package io.toolgate.rest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.bridge.StrictCalls;
import io.toolgate.bridge.ToolCallParser;
import io.toolgate.bridge.ToolResultMessages;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.invoke.BatchExecutor;
import io.toolgate.invoke.BatchExecutor.BatchResult;
import io.toolgate.invoke.Door;
import io.toolgate.invoke.ErrorCode;
import io.toolgate.invoke.JsonReading;
import io.toolgate.invoke.ToolCallRequest;
import io.toolgate.security.Callers;
import io.toolgate.tool.ToolRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The batch door: a model's tool calls in OpenAI or Anthropic form in, run in parallel, results out as Toolgate's
 * result list ({@code ?format=} absent) or as messages ready to append ({@code ?format=openai|anthropic}).
 */
@Path("/tools/batch")
public class BatchResource {

    /** The result formats, one per provider: messages or items ready to append to the conversation. */
    static final java.util.List<String> FORMATS = java.util.List.of("openai", "anthropic", "openai-responses",
            "gemini", "bedrock");

    @Inject
    BatchExecutor executor;
    @Inject
    JsonReading json;
    @Inject
    ToolgateConfig config;
    @Inject
    Callers callers;
    @Inject
    ToolRegistry registry;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> execute(@QueryParam("format") String format,
            @QueryParam("deadline_ms") Long deadlineMs, @QueryParam("strict") Boolean strict,
            @Context RoutingContext rc, byte[] body) {
        Duration deadline = config.batch().deadline();
        if (deadlineMs != null) {
            if (deadlineMs < 1 || deadlineMs > deadline.toMillis()) {
                return done(RestErrors.refuse(400, ErrorCode.VALIDATION_ERROR, "deadline_ms", "range",
                        "deadline_ms must be between 1 and " + deadline.toMillis() + ", got " + deadlineMs));
            }
            deadline = Duration.ofMillis(deadlineMs);
        }
        if (format != null && !format.isBlank() && !FORMATS.contains(format)) {
            return done(RestErrors.refuse(400, ErrorCode.VALIDATION_ERROR, "format", "enum",
                    "format must be one of " + FORMATS + " or absent, got \"" + format + "\""));
        }
        ToolCallParser.Parsed parsed;
        try {
            JsonNode tree = json.read(body, "request body");
            parsed = ToolCallParser.parse(tree);
        } catch (JsonReading.Rejected e) {
            return done(RestErrors.refuse(e.code().httpStatus(), e.code(), "(body)", "json", e.getMessage()));
        } catch (ToolCallParser.Refused e) {
            return done(RestErrors.refuse(400, ErrorCode.VALIDATION_ERROR, e.field(), e.rule(), e.getMessage()));
        }
        int max = config.batch().maxSize();
        if (parsed.calls().size() > max) {
            return done(RestErrors.refuse(413, ErrorCode.PAYLOAD_TOO_LARGE, "tool_calls", "maxItems", "the batch has "
                    + parsed.calls().size() + " tool calls, more than the limit of " + max + "; split it"));
        }
        List<ToolCallRequest> calls = Boolean.TRUE.equals(strict) ? StrictCalls.relax(parsed.calls(), registry)
                : parsed.calls();
        return executor.execute(calls, Door.BATCH, callers.of(rc), null, deadline)
                .thenApply(result -> Response.ok(render(result, format)).build());
    }

    private static JsonNode render(BatchResult result, String format) {
        if (format != null) {
            switch (format) {
                case "openai":
                    return ToolResultMessages.openai(result);
                case "anthropic":
                    return ToolResultMessages.anthropic(result);
                case "openai-responses":
                    return ToolResultMessages.responses(result);
                case "gemini":
                    return ToolResultMessages.gemini(result);
                case "bedrock":
                    return ToolResultMessages.bedrock(result);
                default:
                    break;
            }
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode results = body.putArray("results");
        for (BatchExecutor.CallResult r : result.results()) {
            ToolCallRequest call = r.request();
            ObjectNode item = OutcomeResponses.envelope(r.outcome(), call.name(), call.id());
            results.add(item);
        }
        body.put("wall_time_ms", result.wallTimeMillis());
        return body;
    }

    private static CompletionStage<Response> done(Response response) {
        return CompletableFuture.completedFuture(response);
    }
}

package io.toolgate.rest;

import java.util.Set;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.invoke.Door;
import io.toolgate.invoke.Invocation;
import io.toolgate.invoke.InvocationPipeline;
import io.toolgate.invoke.JsonReading;
import io.toolgate.invoke.UnreadableArguments;
import io.toolgate.security.Caller;
import io.toolgate.security.Callers;
import io.toolgate.security.VirtualServers;
import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolFormats;
import io.toolgate.tool.ToolRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The plain REST door: list tools in MCP, OpenAI or Anthropic form, describe one, invoke one. */
@Path("/tools")
@Produces(MediaType.APPLICATION_JSON)
public class ToolsResource {

    private static final Set<String> ENVELOPE_KEYS = Set.of("arguments", "tool_call_id");

    @Inject
    ToolRegistry registry;
    @Inject
    InvocationPipeline pipeline;
    @Inject
    JsonReading json;
    @Inject
    Callers callers;
    @Inject
    VirtualServers virtualServers;

    @GET
    public Response list(@QueryParam("format") String format, @QueryParam("server") String server) {
        ToolFormats.Format f;
        try {
            f = ToolFormats.Format.parse(format);
        } catch (IllegalArgumentException e) {
            return RestErrors.badRequest("format", "enum", e.getMessage());
        }
        Caller caller = callers.current();
        if (server != null) {
            try {
                caller = virtualServers.scope(caller, server);
            } catch (VirtualServers.Refused e) {
                return e.missing() ? RestErrors.notFound(e.getMessage())
                        : Response.status(403).entity(java.util.Map.of("success", false, "error", java.util.Map.of(
                                "code", "FORBIDDEN", "message", e.getMessage()))).build();
            }
        }
        ArrayNode tools = JsonNodeFactory.instance.arrayNode();
        for (RegisteredTool tool : registry.visibleTo(caller)) {
            tools.add(ToolFormats.render(tool.definition(), f));
        }
        // OpenAI and Anthropic take the bare array as their tools parameter; MCP lists wrap it.
        JsonNode body = f == ToolFormats.Format.MCP ? JsonNodeFactory.instance.objectNode().set("tools", tools) : tools;
        return Response.ok(body).build();
    }

    @GET
    @Path("{name}")
    public Response describe(@PathParam("name") String name) {
        return registry.find(name)
                .filter(tool -> callers.current().mayUse(tool.definition().policy().roles()))
                .map(tool -> Response.ok(describe(tool.definition())).build())
                .orElseGet(() -> RestErrors.notFound("Unknown tool '" + name + "'; GET /tools lists them"));
    }

    @POST
    @Path("{name}/invoke")
    @Consumes(MediaType.WILDCARD)
    public CompletionStage<Response> invoke(@PathParam("name") String name, @Context RoutingContext rc,
            byte[] body) {
        Object arguments = null;
        String toolCallId = null;
        try {
            // Bytes, not a String: Jackson decodes the UTF-8 itself and refuses what is not (JsonReading).
            JsonNode parsed = JsonReading.isBlank(body) ? null : json.read(body, "request body");
            arguments = parsed;
            if (parsed != null && isEnvelope(parsed)) {
                JsonNode args = parsed.get("arguments");
                arguments = args.isTextual() ? args.asText() : args;
                toolCallId = parsed.path("tool_call_id").isTextual() ? parsed.get("tool_call_id").asText() : null;
            }
        } catch (JsonReading.Rejected unreadable) {
            // Passed on: the pipeline's parse stage reports it, so the call is also in the history.
            arguments = new UnreadableArguments(body.length, unreadable);
        }
        Invocation call = Invocation.builder(name, Door.REST).arguments(arguments).toolCallId(toolCallId)
                .caller(callers.of(rc)).build();
        String id = toolCallId;
        return pipeline.invoke(call).thenApply(outcome -> OutcomeResponses.toResponse(outcome, name, id));
    }

    private static boolean isEnvelope(JsonNode body) {
        if (!body.isObject() || !body.has("arguments")) {
            return false;
        }
        var names = body.fieldNames();
        while (names.hasNext()) {
            if (!ENVELOPE_KEYS.contains(names.next())) {
                return false;
            }
        }
        JsonNode args = body.get("arguments");
        return args.isObject() || args.isTextual() || args.isNull();
    }

    private static ObjectNode describe(ToolDefinition tool) {
        ObjectNode node = ToolFormats.mcp(tool);
        ObjectNode policy = node.putObject("policy");
        policy.put("timeout_ms", tool.policy().timeout().toMillis());
        policy.put("max_concurrency", tool.policy().maxConcurrency());
        tool.policy().roles().forEach(policy.putArray("roles")::add);
        ObjectNode cache = policy.putObject("cache");
        cache.put("enabled", tool.policy().cache().enabled());
        if (tool.policy().cache().enabled()) {
            cache.put("ttl_ms", tool.policy().cache().ttl().toMillis());
            cache.put("max_size", tool.policy().cache().maxSize());
            cache.put("per_caller", tool.policy().cache().perCaller());
        }
        if (tool.policy().rateLimit() != null) {
            policy.putObject("rate_limit").put("calls", tool.policy().rateLimit().capacity())
                    .put("period_ms", tool.policy().rateLimit().period().toMillis());
        }
        ObjectNode retry = policy.putObject("retry");
        retry.put("max_retries", tool.policy().retry().maxRetries());
        retry.put("initial_delay_ms", tool.policy().retry().delay().toMillis());
        retry.put("backoff", "exponential");
        ObjectNode breaker = policy.putObject("circuit_breaker");
        breaker.put("enabled", tool.policy().breaker().enabled());
        if (tool.policy().breaker().enabled()) {
            breaker.put("request_volume", tool.policy().breaker().requestVolume());
            breaker.put("failure_ratio", tool.policy().breaker().failureRatio());
            breaker.put("delay_ms", tool.policy().breaker().delay().toMillis());
        }
        return node;
    }
}

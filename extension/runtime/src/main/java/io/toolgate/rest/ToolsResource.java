package io.toolgate.rest;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.discovery.TokenCost;
import io.toolgate.discovery.ToolSearch;
import io.toolgate.invoke.Door;
import io.toolgate.invoke.Invocation;
import io.toolgate.invoke.InvocationPipeline;
import io.toolgate.invoke.JsonReading;
import io.toolgate.invoke.UnreadableArguments;
import io.toolgate.security.Caller;
import io.toolgate.security.Callers;
import io.toolgate.security.VirtualServers;
import io.toolgate.tool.AfterStartUp;
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
    /** The tokens the listed definitions cost a model, in the format listed. */
    public static final String TOKENS_HEADER = "Toolgate-Tokens";
    /** How a search was ranked: {@code bm25}, {@code hybrid:<model>} or {@code embedding:<model>}. */
    public static final String RANKING_HEADER = "Toolgate-Ranking";
    /** Tools left out of a listing because the format's provider does not accept their names. */
    public static final String OMITTED_HEADER = "Toolgate-Omitted";
    private static final int DEFAULT_SEARCH_LIMIT = 10;
    private static final int MAX_LIMIT = 1000;

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
    @Inject
    ToolSearch search;
    @Inject
    AfterStartUp afterStartUp;

    /**
     * The catalogue this caller may see, in one provider's format; with {@code q} ranked by relevance (BM25) and cut
     * to {@code limit}; narrowed by {@code tag} and {@code read_only}. The {@code Toolgate-Tokens} header says what the
     * listed definitions cost a model, so a client can see what it offers on every request; a listing answered before
     * the tokenizer has loaded (in the background, about a second after start-up) goes without it rather than wait.
     */
    @GET
    public Response list(@QueryParam("format") String format, @QueryParam("server") String server,
            @QueryParam("q") String q, @QueryParam("limit") Integer limit, @QueryParam("tag") String tag,
            @QueryParam("read_only") Boolean readOnly, @QueryParam("strict") Boolean strict) {
        FormatChoice choice = FormatChoice.of(format, strict);
        if (choice.refused() != null) {
            return choice.refused();
        }
        ToolFormats.Format f = choice.format();
        boolean strictMode = choice.strict();
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            return RestErrors.badRequest("limit", "range", "limit must be between 1 and " + MAX_LIMIT + ", got "
                    + limit);
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
        ToolSearch.Filters filters = new ToolSearch.Filters(tag, readOnly);
        List<RegisteredTool> listed;
        String ranking = null;
        if (q != null) {
            ToolSearch.Ranked ranked = search.ranked(q, limit == null ? DEFAULT_SEARCH_LIMIT : limit, caller,
                    filters);
            ranking = ranked.ranking();
            listed = ranked.hits().stream().map(ToolSearch.Hit::tool).toList();
        } else {
            listed = registry.visibleTo(caller).stream().filter(filters::keeps)
                    .limit(limit == null ? Long.MAX_VALUE : limit).toList();
        }
        ArrayNode tools = JsonNodeFactory.instance.arrayNode();
        boolean counting = TokenCost.loaded();
        if (!counting) {
            TokenCost.loadLater(afterStartUp);
        }
        int tokens = 0;
        List<String> omitted = new java.util.ArrayList<>();
        for (RegisteredTool tool : listed) {
            if (!f.accepts(tool.name())) {
                omitted.add(tool.name()); // a name the provider refuses would make it refuse the whole request
                continue;
            }
            ObjectNode rendered = ToolFormats.render(tool.definition(), f, strictMode);
            tools.add(rendered);
            if (counting) {
                tokens += strictMode ? TokenCost.count(rendered) : TokenCost.of(tool.definition(), f);
            }
        }
        Response.ResponseBuilder ok = Response.ok(ToolFormats.listing(f, tools));
        if (counting) {
            ok.header(TOKENS_HEADER, tokens);
        }
        if (!omitted.isEmpty()) {
            ok.header(OMITTED_HEADER, String.join(",", omitted));
        }
        if (ranking != null) {
            ok.header(RANKING_HEADER, ranking);
        }
        return ok.build();
    }

    @GET
    @Path("{name}")
    public Response describe(@PathParam("name") String name, @QueryParam("format") String format,
            @QueryParam("strict") Boolean strict) {
        Optional<RegisteredTool> tool = registry.find(name)
                .filter(t -> callers.current().mayUse(t.definition().policy().roles()));
        if (tool.isEmpty()) {
            return RestErrors.notFound("Unknown tool '" + name + "'; GET /tools lists them");
        }
        if (format == null) {
            return Response.ok(describe(tool.get(), registry.lintProblems(name))).build();
        }
        // One definition as one provider's listing carries it (the console shows them side by side).
        FormatChoice choice = FormatChoice.of(format, strict);
        return choice.refused() != null ? choice.refused()
                : Response.ok(ToolFormats.render(tool.get().definition(), choice.format(), choice.strict())).build();
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

    /** The {@code format} and {@code strict} query parameters, read, or the 400 that names the bad one. */
    private record FormatChoice(ToolFormats.Format format, boolean strict, Response refused) {

        static FormatChoice of(String format, Boolean strict) {
            ToolFormats.Format f;
            try {
                f = ToolFormats.Format.parse(format);
            } catch (IllegalArgumentException e) {
                return new FormatChoice(null, false, RestErrors.badRequest("format", "enum", e.getMessage()));
            }
            boolean strictMode = Boolean.TRUE.equals(strict);
            if (strictMode && !f.hasStrictMode()) {
                return new FormatChoice(f, true, RestErrors.badRequest("strict", "format", "strict=true is OpenAI's"
                        + " strict mode: it goes with format=openai or format=openai-responses, not " + f.wireName()));
            }
            return new FormatChoice(f, strictMode, null);
        }
    }

    private static ObjectNode describe(RegisteredTool registered, List<String> lintFindings) {
        ToolDefinition tool = registered.definition();
        ObjectNode node = ToolFormats.mcp(tool);
        tool.tags().stream().sorted().forEach(node.putArray("tags")::add);
        ObjectNode cost = node.putObject("token_cost");
        TokenCost.all(tool).forEach((format, tokens) -> cost.put(format.wireName(), tokens));
        // What the providers' narrower schema languages cannot carry; the pipeline enforces the full schema anyway.
        ObjectNode notes = node.putObject("format_notes");
        io.toolgate.tool.StrictSchemas.rewrite(tool.inputSchema()).notes()
                .forEach(notes.withArray("openai_strict")::add);
        io.toolgate.tool.GeminiSchemas.convert(tool.inputSchema()).notes().forEach(notes.withArray("gemini")::add);
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
            breaker.put("state", registered.breaker().state());
            breaker.put("request_volume", tool.policy().breaker().requestVolume());
            breaker.put("failure_ratio", tool.policy().breaker().failureRatio());
            breaker.put("delay_ms", tool.policy().breaker().delay().toMillis());
        }
        lintFindings.forEach(node.putArray("lint")::add);
        return node;
    }
}

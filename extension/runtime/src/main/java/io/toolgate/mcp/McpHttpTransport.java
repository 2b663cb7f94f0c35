package io.toolgate.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.config.ToolgateConfig;
import io.toolgate.security.Caller;
import io.toolgate.security.Callers;
import io.toolgate.security.VirtualServers;
import io.toolgate.tool.ToolRegistry;
import io.toolgate.config.ToolgateConfig.SessionMode;
import io.toolgate.invoke.CallControl;
import io.toolgate.invoke.ErrorCode;
import io.toolgate.invoke.JsonReading;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * MCP's Streamable HTTP transport at {@code /mcp}. A plain Vert.x route rather than a JAX-RS resource, because the
 * transport needs a status, a content type and a body chosen per message (JSON, 202 without body, or an SSE stream).
 * It only translates: every message is answered by the {@link McpDispatcher}.
 */
@ApplicationScoped
public class McpHttpTransport {

    static final String PATH = "/mcp";
    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String VERSION_HEADER = "MCP-Protocol-Version";

    // Calls made without a session, keyed by request id; a client cancelling them must reuse the id it sent.
    private final Map<String, CallControl> sessionlessCalls = new ConcurrentHashMap<>();

    @Inject
    McpDispatcher dispatcher;
    @Inject
    McpSessions sessions;
    @Inject
    McpSubscriptions subscriptions;
    @Inject
    OriginPolicy origins;
    @Inject
    JsonReading json;
    @Inject
    ToolgateConfig config;
    @Inject
    Callers callers;
    @Inject
    ToolRegistry registry;
    @Inject
    VirtualServers virtualServers;

    /**
     * Static, with the transport as its client proxy, so that setting up the routes builds nothing: the transport's
     * dispatcher and the tool registry under it are built beside start-up (ToolBeansRecorder.buildBesideStartUp)
     * or by their first user, not on the main thread here.
     */
    static void routes(@Observes Router router, ToolgateConfig config, Instance<McpHttpTransport> transports) {
        McpHttpTransport transport = transports.get();
        // One byte over the limit lets JsonReading word the size error itself.
        long bodyLimit = config.limits().maxRequestBytes() + 1L;
        router.route(PATH)
                // Ahead of the JAX-RS route, which would otherwise look for a resource at /mcp on every message first
                // (a fortieth of the event loop's time under load); after the upload limit and authentication.
                .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1)
                .handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                .handler(transport::handle)
                .failureHandler(transport::failed);
        if (!config.virtualServers().isEmpty()) {
            // A virtual server: the same endpoint, its caller narrowed to the server's catalogue.
            router.route(PATH + "/:server")
                    .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1)
                    .handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                    .handler(transport::handleVirtual)
                    .failureHandler(transport::failed);
        }
    }

    void handleVirtual(RoutingContext ctx) {
        String server = ctx.pathParam("server");
        try {
            Caller scoped = virtualServers.scope(callers.of(ctx), server);
            ctx.put(Callers.VIRTUAL_SERVER, scoped.scope());
        } catch (VirtualServers.Refused e) {
            reject(ctx, e.missing() ? 404 : 403, JsonRpc.INVALID_REQUEST, e.getMessage());
            return;
        }
        handle(ctx);
    }

    // Whatever went wrong (an oversized body, a bug), the client gets a JSON-RPC error and never a stack trace.
    void failed(RoutingContext ctx) {
        int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
        if (status == 413) {
            reject(ctx, 413, JsonRpc.INVALID_REQUEST, "Request body exceeds " + json.maxBytes() + " bytes");
        } else {
            reject(ctx, status, status >= 500 ? JsonRpc.INTERNAL_ERROR : JsonRpc.INVALID_REQUEST,
                    status >= 500 ? "Internal error" : "Bad request");
        }
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!origins.allows(request.getHeader("Origin"))) {
            reject(ctx, 403, JsonRpc.INVALID_REQUEST, "Origin not allowed; see toolgate.mcp.allowed-origins");
            return;
        }
        HttpMethod method = request.method();
        if (HttpMethod.POST.equals(method)) {
            post(ctx);
        } else if (HttpMethod.GET.equals(method)) {
            openStream(ctx);
        } else if (HttpMethod.DELETE.equals(method)) {
            endSession(ctx);
        } else {
            ctx.response().putHeader("Allow", "GET, POST, DELETE");
            reject(ctx, 405, JsonRpc.INVALID_REQUEST, "Method not allowed; use POST, GET or DELETE");
        }
    }

    private void post(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String accept = request.getHeader("Accept");
        if (!accepts(accept, "application/json") || !accepts(accept, "text/event-stream")) {
            reject(ctx, 400, JsonRpc.INVALID_REQUEST,
                    "The Accept header must allow both application/json and text/event-stream");
            return;
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            reject(ctx, 415, JsonRpc.INVALID_REQUEST, "Content-Type must be application/json");
            return;
        }
        Buffer body = ctx.body().buffer();
        JsonNode message;
        try {
            message = json.read(body == null ? new byte[0] : body.getBytes(), "request body");
        } catch (JsonReading.Rejected e) {
            boolean tooLarge = e.code() == ErrorCode.PAYLOAD_TOO_LARGE;
            reject(ctx, tooLarge ? 413 : 400, tooLarge ? JsonRpc.INVALID_REQUEST : JsonRpc.PARSE_ERROR,
                    (tooLarge ? "Request too large: " : "Parse error: ") + e.getMessage());
            return;
        }
        String headerVersion = trimmed(request.getHeader(VERSION_HEADER));
        if (servedStatelessly(message, headerVersion, request.getHeader(SESSION_HEADER))) {
            stateless(ctx, message, headerVersion);
            return;
        }
        if (headerVersion != null && !ProtocolVersions.sessionEra(headerVersion)) {
            reject(ctx, 400, JsonRpc.INVALID_REQUEST, "Unsupported MCP-Protocol-Version " + quote(headerVersion)
                    + "; supported: " + ProtocolVersions.ALL);
            return;
        }
        boolean initialize = McpDispatcher.isInitialize(message);
        McpSession session = null;
        if (!initialize) {
            SessionLookup lookup = lookUpSession(ctx);
            if (lookup.rejected()) {
                return;
            }
            session = lookup.session();
        }
        String version = headerVersion != null ? headerVersion
                : session != null ? session.protocolVersion() : ProtocolVersions.ASSUMED_WITHOUT_HEADER;
        Map<String, CallControl> inFlight = session != null ? session.inFlight() : sessionlessCalls;
        if (message.isArray()) {
            batch(ctx, (ArrayNode) message, version, inFlight, session);
            return;
        }
        SseStream channel = new SseStream(ctx.response(), null);
        McpContext context = new McpContext(version, inFlight, channel, callers.of(ctx), session, null);
        dispatcher.handle(message, context).whenComplete((response, failure) -> {
            if (failure != null) {
                channel.finish(JsonRpc.error(JsonRpc.idOf(message), JsonRpc.INTERNAL_ERROR, "Internal error"), 500);
                return;
            }
            if (initialize && response != null && response.has("result")
                    && config.mcp().sessions() != SessionMode.NONE) {
                McpSession opened = sessions.create(response.get("result").path("protocolVersion").asText(),
                        ClientCapabilities.of(message.path("params").get("capabilities")));
                ctx.response().putHeader(SESSION_HEADER, opened.id());
            }
            channel.finish(response, status(response, false));
        });
    }

    /**
     * Whether a message is served under 2026-07-28: a request outside any session that names that revision in its
     * header, or names any revision in its {@code _meta} without naming a 2025 one in the header. Everything else
     * is the 2025 era, so both eras share the endpoint and an older client never meets the newer rules.
     */
    static boolean servedStatelessly(JsonNode message, String headerVersion, String sessionId) {
        if (sessionId != null || !McpDispatcher.isRequest(message)) {
            return false;
        }
        if (headerVersion != null && ProtocolVersions.sessionEra(headerVersion)) {
            return false;
        }
        return ProtocolVersions.stateless(headerVersion) || RequestMeta.versionOf(message) != null;
    }

    /** A 2026-07-28 request: the header and {@code _meta} checks of the revision, then the dispatcher. */
    private void stateless(RoutingContext ctx, JsonNode message, String headerVersion) {
        JsonNode id = JsonRpc.idOf(message);
        Caller caller = callers.of(ctx);
        RequestMeta meta;
        try {
            if (headerVersion == null) {
                throw new McpError(JsonRpc.HEADER_MISMATCH, "Missing MCP-Protocol-Version header; it must repeat"
                        + " params._meta." + RequestMeta.PROTOCOL_VERSION);
            }
            meta = RequestMeta.read(message);
            if (!headerVersion.equals(meta.protocolVersion())) {
                throw new McpError(JsonRpc.HEADER_MISMATCH, "The MCP-Protocol-Version header " + quote(headerVersion)
                        + " does not match params._meta." + RequestMeta.PROTOCOL_VERSION + " "
                        + quote(meta.protocolVersion()));
            }
            if (!ProtocolVersions.stateless(meta.protocolVersion())) {
                throw ProtocolVersions.unsupported(meta.protocolVersion());
            }
            RoutingHeaders.check(ctx.request(), message, tool -> registry.find(tool)
                    .filter(found -> caller.mayUse(found.definition().policy().roles()))
                    .map(found -> found.definition().inputSchema()).orElse(null));
        } catch (McpError e) {
            json(ctx, 400, JsonRpc.error(id, e.code(), e.getMessage(), e.data()));
            return;
        }
        SseStream channel = new SseStream(ctx.response(), null);
        McpContext context = new McpContext(ProtocolVersions.STATELESS, sessionlessCalls, channel, caller, null,
                meta);
        dispatcher.handle(message, context).whenComplete((response, failure) -> channel.finish(
                failure != null ? JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "Internal error") : response,
                failure != null ? 500 : status(response, true)));
    }

    /** The HTTP status a response travels with; 2026-07-28 fixes 404 for unknown methods and 400 for its own codes. */
    static int status(JsonNode response, boolean stateless) {
        int code = response == null ? 0 : response.path("error").path("code").asInt(0);
        return switch (code) {
            case JsonRpc.PARSE_ERROR, JsonRpc.INVALID_REQUEST -> 400;
            case JsonRpc.METHOD_NOT_FOUND -> stateless ? 404 : 200;
            case JsonRpc.HEADER_MISMATCH, JsonRpc.MISSING_CLIENT_CAPABILITY, JsonRpc.UNSUPPORTED_PROTOCOL_VERSION ->
                stateless ? 400 : 200;
            default -> 200;
        };
    }

    private void batch(RoutingContext ctx, ArrayNode messages, String version, Map<String, CallControl> inFlight,
            McpSession session) {
        if (!ProtocolVersions.allowsBatches(version) || messages.isEmpty()) {
            reject(ctx, 400, JsonRpc.INVALID_REQUEST, messages.isEmpty() ? "Invalid request: empty batch"
                    : "Invalid request: JSON-RPC batches are not part of MCP " + version + "; send one message");
            return;
        }
        McpContext context = new McpContext(version, inFlight, McpChannel.NONE, callers.of(ctx), session, null);
        List<CompletableFuture<ObjectNode>> answers = new ArrayList<>();
        for (JsonNode message : messages) {
            answers.add(McpDispatcher.isInitialize(message)
                    ? CompletableFuture.completedFuture(JsonRpc.error(JsonRpc.idOf(message), JsonRpc.INVALID_REQUEST,
                            "initialize must not be part of a batch"))
                    : dispatcher.handle(message, context).toCompletableFuture());
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            if (failure != null) {
                reject(ctx, 500, JsonRpc.INTERNAL_ERROR, "Internal error");
                return;
            }
            ArrayNode responses = JsonNodeFactory.instance.arrayNode();
            answers.stream().map(CompletableFuture::join).filter(r -> r != null).forEach(responses::add);
            if (responses.isEmpty()) {
                accepted(ctx);
            } else {
                json(ctx, 200, responses);
            }
        });
    }

    private void openStream(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!accepts(request.getHeader("Accept"), "text/event-stream")) {
            reject(ctx, 406, JsonRpc.INVALID_REQUEST, "GET /mcp opens an SSE stream; accept text/event-stream");
            return;
        }
        String headerVersion = trimmed(request.getHeader(VERSION_HEADER));
        if (headerVersion != null && !ProtocolVersions.sessionEra(headerVersion)) {
            reject(ctx, 400, JsonRpc.INVALID_REQUEST, "GET /mcp streams belong to the 2025 revisions; "
                    + ProtocolVersions.STATELESS + " clients use subscriptions/listen");
            return;
        }
        SessionLookup lookup = lookUpSession(ctx);
        if (lookup.rejected()) {
            return;
        }
        McpSession session = lookup.session();
        McpSubscriptions.Subscription[] subscription = new McpSubscriptions.Subscription[1];
        SseStream stream = SseStream.open(ctx.response(), session == null ? null : session.id(),
                () -> subscriptions.remove(subscription[0]));
        subscription[0] = new McpSubscriptions.Subscription(stream, null, session == null ? null : session.id(),
                true, true, true, session == null ? java.util.Set.of() : session.subscriptions());
        subscriptions.add(subscription[0]);
    }

    private void endSession(RoutingContext ctx) {
        if (config.mcp().sessions() == SessionMode.NONE) {
            ctx.response().putHeader("Allow", "GET, POST");
            reject(ctx, 405, JsonRpc.INVALID_REQUEST, "This server keeps no sessions");
            return;
        }
        String id = ctx.request().getHeader(SESSION_HEADER);
        if (id == null) {
            reject(ctx, 400, JsonRpc.INVALID_REQUEST, "DELETE /mcp needs the Mcp-Session-Id header");
        } else if (sessions.end(id)) {
            subscriptions.closeSession(id);
            ctx.response().setStatusCode(204).end();
        } else {
            reject(ctx, 404, JsonRpc.INVALID_REQUEST, "Session not found; it may have expired");
        }
    }

    private record SessionLookup(McpSession session, boolean rejected) {
    }

    /** Applies the session rules; on rejection the response has been sent. */
    private SessionLookup lookUpSession(RoutingContext ctx) {
        SessionMode mode = config.mcp().sessions();
        if (mode == SessionMode.NONE) {
            return new SessionLookup(null, false);
        }
        String id = ctx.request().getHeader(SESSION_HEADER);
        if (id == null) {
            if (mode == SessionMode.REQUIRED) {
                reject(ctx, 400, JsonRpc.INVALID_REQUEST, "Missing Mcp-Session-Id header; send initialize first");
                return new SessionLookup(null, true);
            }
            return new SessionLookup(null, false);
        }
        McpSession session = sessions.find(id).orElse(null);
        if (session == null) {
            reject(ctx, 404, JsonRpc.INVALID_REQUEST, "Session not found; it may have expired, initialize again");
            return new SessionLookup(null, true);
        }
        return new SessionLookup(session, false);
    }

    private static void accepted(RoutingContext ctx) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(202).end();
        }
    }

    private static void reject(RoutingContext ctx, int status, int code, String message) {
        json(ctx, status, JsonRpc.error(null, code, message));
    }

    private static void json(RoutingContext ctx, int status, JsonNode body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        if (ctx.response().headWritten()) {
            ctx.response().end(); // a stream already under way can only be ended
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(utf8(body));
    }

    // Straight to UTF-8 bytes: JsonNode.toString() builds a String that end(String) then encodes again.
    private static Buffer utf8(JsonNode body) {
        return Buffer.buffer(SseStream.utf8(body));
    }

    /**
     * Whether an Accept header admits the type, through the exact type or a wildcard range. Scans in place: it runs
     * for every message, and splitting the header allocated more than the rest of the check.
     */
    static boolean accepts(String header, String type) {
        if (header == null) {
            return false;
        }
        int slash = type.indexOf('/');
        int at = 0;
        int length = header.length();
        while (at <= length) {
            int comma = header.indexOf(',', at);
            int end = comma < 0 ? length : comma;
            int semicolon = header.indexOf(';', at);
            int rangeEnd = semicolon >= 0 && semicolon < end ? semicolon : end;
            int from = at;
            while (from < rangeEnd && Character.isWhitespace(header.charAt(from))) {
                from++;
            }
            int to = rangeEnd;
            while (to > from && Character.isWhitespace(header.charAt(to - 1))) {
                to--;
            }
            if (matches(header, from, to, type) || matches(header, from, to, "*/*")
                    || (to - from == slash + 2 && header.regionMatches(true, from, type, 0, slash + 1)
                            && header.charAt(to - 1) == '*')) {
                return true;
            }
            at = end + 1;
        }
        return false;
    }

    private static boolean matches(String header, int from, int to, String range) {
        return to - from == range.length() && header.regionMatches(true, from, range, 0, range.length());
    }

    private static String trimmed(String header) {
        return header == null ? null : header.strip();
    }

    static String quote(String text) {
        return "\"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
    }
}

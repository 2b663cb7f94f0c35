package io.toolgate.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.tool.UpstreamException;

/**
 * Toolgate as the client of one upstream MCP server: one connection, initialised once and shared by every call of
 * the upstream's tools; when it is lost (the program exited, the session expired), the next call reconnects, no
 * sooner than a backoff that doubles after each failed attempt (from 1 s to 60 s), so a broken upstream costs its
 * callers one quick error each and not a handshake each. At most {@code maxConcurrency} calls are in flight to it.
 */
final class UpstreamClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UpstreamClient.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** The revisions Toolgate speaks as a client; the file chooses, by default 2025-11-25 (the newest with a session). */
    static final List<String> ACCEPTED = List.of("2025-11-25", "2026-07-28", "2025-06-18", "2025-03-26");
    static final String STATELESS = "2026-07-28";
    private static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
    private static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    private static final String META_CLIENT = "io.modelcontextprotocol/clientInfo";
    private static final String META_SERVER = "io.modelcontextprotocol/serverInfo";
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final int MAX_PAGES = 100;

    private final String name;
    private final String protocolVersion;
    private final Supplier<McpConnection> connector;
    private final Duration handshakeTimeout;
    private final Semaphore inFlight;
    private final List<java.util.function.Consumer<ObjectNode>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private McpConnection connection;
    private Duration backoff = FIRST_BACKOFF;
    private long nextAttemptNanos;
    private volatile String lastProblem;
    private volatile String serverName;
    private volatile boolean closed;
    /** Progress tokens of calls in flight, to the sink of the caller that asked for progress. */
    private final java.util.Map<String, io.toolgate.tool.ToolProgress.Sink> progress =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong progressTokens = new java.util.concurrent.atomic.AtomicLong();

    UpstreamClient(String name, String protocolVersion, Supplier<McpConnection> connector, Duration handshakeTimeout,
            int maxConcurrency) {
        this.name = name;
        this.protocolVersion = protocolVersion;
        this.connector = connector;
        this.handshakeTimeout = handshakeTimeout;
        this.inFlight = new Semaphore(maxConcurrency);
    }

    String name() {
        return name;
    }

    /** Notifications the upstream sends (list_changed, progress, log messages). */
    void onNotification(java.util.function.Consumer<ObjectNode> listener) {
        listeners.add(listener);
    }

    /** Why the last connection attempt or call failed; null while all is well. */
    String problem() {
        return lastProblem;
    }

    synchronized boolean connected() {
        return connection != null && connection.isOpen();
    }

    /** The upstream's {@code serverInfo.name}, once connected. */
    String serverName() {
        return serverName;
    }

    /** The open connection, connecting (or reconnecting, after the backoff) first. */
    synchronized McpConnection connection() {
        if (closed) {
            throw new UpstreamException("the upstream " + name + " is closed");
        }
        if (connection != null && connection.isOpen()) {
            return connection;
        }
        if (connection != null) {
            connection.close();
            connection = null;
        }
        long wait = nextAttemptNanos - System.nanoTime();
        if (wait > 0) {
            throw new UpstreamException("the upstream " + name + " is unreachable (" + lastProblem + "); the next"
                    + " attempt to reconnect is in " + Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait)) + " s");
        }
        McpConnection c = null;
        try {
            c = connector.get();
            c.onNotification(this::notified);
            String version = STATELESS.equals(protocolVersion) ? discover(c) : initialize(c);
            connection = c;
            backoff = FIRST_BACKOFF;
            lastProblem = null;
            LOG.infof("Upstream %s connected (%s, MCP %s)", name, serverName, version);
            return c;
        } catch (RuntimeException e) {
            if (c != null) {
                c.close();
            }
            lastProblem = e.getMessage();
            nextAttemptNanos = System.nanoTime() + backoff.toNanos();
            LOG.warnf("Upstream %s: connecting failed (%s); next attempt in %s", name, e.getMessage(), backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            throw e instanceof UpstreamException ? e : new UpstreamException("the upstream " + name
                    + " could not be connected: " + e.getMessage());
        }
    }

    /** The 2025 handshake: initialize, the revision agreed, initialized, then the GET stream where there is one. */
    private String initialize(McpConnection c) {
        ObjectNode params = JSON.objectNode().put("protocolVersion", protocolVersion);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "toolgate").put("version", "1");
        JsonNode result = await(c.request("initialize", params, handshakeTimeout), handshakeTimeout);
        String version = result.path("protocolVersion").asText();
        if (!ACCEPTED.contains(version) || STATELESS.equals(version)) {
            throw new UpstreamException("the upstream " + name + " speaks MCP " + version + ", which Toolgate"
                    + " does not speak as a client");
        }
        c.agreed(version);
        serverName = result.path("serverInfo").path("name").asText(null);
        c.notify("notifications/initialized", null);
        c.listen(null);
        return version;
    }

    /**
     * 2026-07-28 has no handshake: {@code server/discover} tells whether the upstream speaks it (and its name), and a
     * {@code subscriptions/listen} request carries its {@code list_changed} from then on.
     */
    private String discover(McpConnection c) {
        c.agreed(STATELESS);
        JsonNode result = await(c.request("server/discover", withMeta(JSON.objectNode()), handshakeTimeout),
                handshakeTimeout);
        List<String> versions = new ArrayList<>();
        result.path("supportedVersions").forEach(v -> versions.add(v.asText()));
        if (!versions.contains(STATELESS)) {
            throw new UpstreamException("the upstream " + name + " does not speak MCP " + STATELESS + " (it speaks "
                    + versions + "); set mcp.protocol_version to one of those");
        }
        JsonNode info = result.has("serverInfo") ? result.get("serverInfo") : result.path("_meta").path(META_SERVER);
        serverName = info.path("name").asText(null);
        ObjectNode listen = withMeta(JSON.objectNode());
        listen.putObject("notifications").put("toolsListChanged", true);
        c.listen(listen);
        return STATELESS;
    }

    /**
     * Under 2026-07-28 every request says which revision it speaks and what its client can do (nothing: Toolgate
     * offers upstreams no client capabilities), since the server keeps nothing between requests.
     */
    private ObjectNode withMeta(ObjectNode params) {
        if (STATELESS.equals(protocolVersion)) {
            ObjectNode meta = params.has("_meta") ? (ObjectNode) params.get("_meta") : params.putObject("_meta");
            meta.put(META_VERSION, STATELESS);
            meta.putObject(META_CAPABILITIES);
            meta.putObject(META_CLIENT).put("name", "toolgate").put("version", "1");
        }
        return params;
    }

    private void notified(ObjectNode message) {
        if ("notifications/progress".equals(message.path("method").asText())) {
            // Progress of one of our calls goes to the caller who asked for it, under the caller's own token.
            JsonNode params = message.path("params");
            io.toolgate.tool.ToolProgress.Sink sink = progress.get(params.path("progressToken").asText(""));
            if (sink != null && params.path("progress").isNumber()) {
                sink.report(params.get("progress").asDouble(), params.path("total").isNumber()
                        ? params.get("total").asDouble() : null, params.path("message").asText(null));
            }
            return;
        }
        for (var l : listeners) {
            l.accept(message);
        }
    }

    /** Every tool the upstream lists, following its pages. */
    List<ObjectNode> listTools(Duration timeout) {
        List<ObjectNode> tools = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectNode params = JSON.objectNode();
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            JsonNode result = await(connection().request("tools/list", withMeta(params), timeout), timeout);
            JsonNode list = result.path("tools");
            if (!list.isArray()) {
                throw new UpstreamException("the upstream " + name + " answered tools/list without a tools list");
            }
            for (JsonNode t : list) {
                if (t.isObject()) {
                    tools.add((ObjectNode) t);
                }
            }
            cursor = result.path("nextCursor").isTextual() ? result.get("nextCursor").asText() : null;
            if (cursor == null) {
                return tools;
            }
        }
        throw new UpstreamException("the upstream " + name + " listed more than " + MAX_PAGES + " pages of tools");
    }

    /**
     * Calls one tool and waits for its {@code CallToolResult}. An interrupt (the pipeline's timeout, a cancellation)
     * is passed on to the upstream as {@code notifications/cancelled}.
     */
    JsonNode callTool(String tool, ObjectNode arguments, Duration timeout, java.util.Map<String, String> headers)
            throws InterruptedException {
        if (!inFlight.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new UpstreamException("the upstream " + name + " already has its limit of calls in flight");
        }
        String token = null;
        try {
            McpConnection c = connection();
            ObjectNode params = JSON.objectNode().put("name", tool);
            params.set("arguments", arguments);
            if (io.toolgate.tool.ToolProgress.requested()) {
                token = name + "-" + progressTokens.incrementAndGet();
                progress.put(token, io.toolgate.tool.ToolProgress.current());
                params.putObject("_meta").put("progressToken", token);
            }
            JsonRpcPeer.Outgoing call = c.request("tools/call", withMeta(params), timeout, headers);
            try {
                JsonNode result = call.answer().get();
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                return completed(result);
            } catch (InterruptedException e) {
                cancel(c, call);
                throw e;
            } catch (ExecutionException e) {
                // An HTTP request is made on this thread: an interrupt ends it with a failure and keeps the flag.
                if (Thread.interrupted()) {
                    cancel(c, call);
                    throw new InterruptedException();
                }
                throw unwrap(e);
            }
        } finally {
            if (token != null) {
                progress.remove(token);
            }
            inFlight.release();
        }
    }

    /**
     * A 2026-07-28 result carries fields of that revision ({@code resultType}, cache hints) that the callers'
     * revisions do not have; a result that asks for client input cannot be answered, as Toolgate offers upstreams
     * none.
     */
    private JsonNode completed(JsonNode result) {
        if (!STATELESS.equals(protocolVersion) || !(result instanceof ObjectNode object)) {
            return result;
        }
        String type = object.path("resultType").asText("complete");
        if (!"complete".equals(type)) {
            throw new UpstreamException("the upstream " + name + " answered with a '" + type + "' result; Toolgate"
                    + " offers upstream servers no client capabilities to answer it");
        }
        ObjectNode copy = object.deepCopy();
        copy.remove(List.of("resultType", "ttlMs", "cacheScope"));
        if (copy.path("_meta").isObject()) {
            ((ObjectNode) copy.get("_meta")).remove(META_SERVER);
            if (copy.get("_meta").isEmpty()) {
                copy.remove("_meta");
            }
        }
        return copy;
    }

    private static void cancel(McpConnection c, JsonRpcPeer.Outgoing call) {
        // Under 2026-07-28 over HTTP the closed request already tells the upstream; the notification says it anyway.
        c.notify("notifications/cancelled", JSON.objectNode().put("requestId", call.id()).put("reason",
                "the caller's time ran out or it cancelled the call"));
        call.answer().cancel(false);
    }

    private JsonNode await(JsonRpcPeer.Outgoing request, Duration timeout) {
        try {
            return request.answer().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("interrupted while waiting for the upstream " + name);
        } catch (TimeoutException e) {
            throw new UpstreamException("the upstream " + name + " did not answer within " + timeout.toMillis()
                    + " ms");
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private RuntimeException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof TimeoutException) {
            return new UpstreamException("the upstream " + name + " did not answer in time");
        }
        if (cause instanceof RuntimeException r) {
            return r;
        }
        return new UpstreamException("the call to the upstream " + name + " failed: " + cause);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}

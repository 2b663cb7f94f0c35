package io.toolgate.gateway;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.declarative.OutboundPolicy;
import io.toolgate.declarative.OutboundRequest;
import io.toolgate.declarative.OutboundResponse;
import io.toolgate.declarative.SafeHttpClient;
import io.toolgate.mcp.RoutingHeaders;
import io.toolgate.tool.UpstreamException;

/**
 * An upstream MCP server over Streamable HTTP, through {@link SafeHttpClient}: its address passes the same SSRF rules
 * as a declarative HTTP tool's (public addresses only unless the file allows the private network; the host fixed by
 * the file, so a redirect cannot take a request elsewhere), and its answers are bounded by the same size limit. Each
 * message is one POST; an event-stream answer is read as it arrives, so progress reaches the caller while the call
 * runs. Under the 2025 revisions the session id the upstream hands out at initialisation goes on every later request
 * (a 404 on it means the session is gone and the owner reconnects); under 2026-07-28 there is no session, and every
 * request repeats the revision and its routing headers ({@code Mcp-Method}, {@code Mcp-Name}).
 */
final class HttpConnection implements McpConnection {

    private static final Logger LOG = Logger.getLogger(HttpConnection.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String STATELESS = "2026-07-28";
    /** A notification stream lasts at most this long before it is opened again (servers and proxies cut idle ones). */
    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);
    private static final Duration STREAM_RETRY = Duration.ofSeconds(1);
    private static final Duration STREAM_MAX_RETRY = Duration.ofSeconds(30);

    private final String upstream;
    private final URI url;
    private final SafeHttpClient client;
    private final OutboundPolicy policy;
    private final Map<String, String> headers;
    private final Set<String> secretHeaders;
    private final ClientCredentialsTokens tokens;
    private final Executor executor;
    private final JsonRpcPeer peer;
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile boolean open = true;
    private volatile Thread stream;

    /** @param tokens null unless Toolgate authenticates with its own OAuth token */
    HttpConnection(String upstream, URI url, SafeHttpClient client, OutboundPolicy policy, Map<String, String> headers,
            Set<String> secretHeaders, ClientCredentialsTokens tokens, Executor executor) {
        this.upstream = upstream;
        this.url = url;
        this.client = client;
        this.policy = policy;
        this.headers = headers;
        Set<String> secret = new java.util.HashSet<>(secretHeaders);
        if (tokens != null) {
            secret.add("Authorization");
        }
        this.secretHeaders = Set.copyOf(secret);
        this.tokens = tokens;
        this.executor = executor;
        this.peer = new JsonRpcPeer(upstream);
    }

    /** The revision agreed, sent as MCP-Protocol-Version on every later request. */
    @Override
    public void agreed(String version) {
        this.protocolVersion = version;
    }

    private boolean stateless() {
        return STATELESS.equals(protocolVersion);
    }

    /**
     * Posts the request on the calling thread, which the tool call already blocks (a virtual or worker thread): the
     * answer is there when this returns, without a hand-over to another thread and back (measured: a fifth of what
     * the gateway added to a call). An interrupt (the pipeline's timeout) ends the wait and closes the request.
     */
    @Override
    public JsonRpcPeer.Outgoing request(String method, ObjectNode params, Duration timeout,
            Map<String, String> extraHeaders) {
        JsonRpcPeer.Outgoing out = peer.newRequest(method, params, timeout);
        try {
            post(out.message(), timeout, extraHeaders);
        } catch (RuntimeException e) {
            out.answer().completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.answer().completeExceptionally(new UpstreamException("the call to " + upstream + " was interrupted"));
        }
        if (!out.answer().isDone()) {
            out.answer().completeExceptionally(new UpstreamException("the upstream " + upstream
                    + " ended its answer to " + method + " without a result"));
        }
        return out;
    }

    @Override
    public void notify(String method, ObjectNode params) {
        send(JsonRpcPeer.notification(method, params));
    }

    /** A message that expects no answer here (a notification, or our answer to the upstream's request). */
    private void send(ObjectNode message) {
        executor.execute(() -> {
            try {
                post(message, policy.timeout(), Map.of());
            } catch (RuntimeException | InterruptedException e) {
                // nothing waits for it; the next request will find a broken upstream
            }
        });
    }

    private void post(ObjectNode message, Duration timeout, Map<String, String> extraHeaders)
            throws InterruptedException {
        byte[] body;
        try {
            body = MAPPER.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        OutboundPolicy p = new OutboundPolicy(policy.allowedHosts(), policy.allowPrivateNetwork(), timeout,
                policy.maxResponseBytes());
        Map<String, String> h = requestHeaders(message, "application/json, text/event-stream");
        h.put("Content-Type", "application/json");
        h.putAll(extraHeaders);
        OutboundResponse response = exchange("POST", h, body, p);
        if (response.status() == 404 && sessionId != null) {
            open = false;
            peer.failAll("the upstream " + upstream + " ended its session");
            return;
        }
        if (response.status() == 202 || response.status() == 204) {
            return;
        }
        if (response.status() / 100 != 2) {
            throw new UpstreamException("the upstream " + upstream + " answered HTTP " + response.status()
                    + errorOf(response));
        }
        String session = response.header("Mcp-Session-Id");
        if (session != null && sessionId == null && !stateless()) {
            sessionId = session;
        }
        if (response.body().length > 0 && !isEventStream(response)) {
            receive(new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    /**
     * One exchange, with Toolgate's own token where it has one: an event-stream answer goes to {@link #receive} as
     * it arrives; a 401 drops the token and tries once more with a fresh one (it may have been revoked early).
     */
    private OutboundResponse exchange(String method, Map<String, String> h, byte[] body, OutboundPolicy p)
            throws InterruptedException {
        for (int attempt = 0;; attempt++) {
            String token = tokens == null ? null : tokens.token();
            if (token != null) {
                h.put("Authorization", "Bearer " + token);
            }
            ServerSentEvents events = new ServerSentEvents(this::receive, policy.maxResponseBytes());
            OutboundResponse response = client.send(new OutboundRequest(method, url, h, body, secretHeaders), p,
                    events::feed);
            if (response.status() == 401 && token != null && attempt == 0) {
                tokens.refused(token);
                continue;
            }
            if (isEventStream(response)) {
                events.end();
            }
            return response;
        }
    }

    private Map<String, String> requestHeaders(ObjectNode message, String accept) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Accept", accept);
        if (sessionId != null) {
            h.put("Mcp-Session-Id", sessionId);
        }
        if (protocolVersion != null) {
            h.put("MCP-Protocol-Version", protocolVersion);
        }
        if (stateless() && message != null && message.path("method").isTextual()) {
            // 2026-07-28's routing headers: what a proxy in between routes and authorizes on must match the body.
            String method = message.get("method").asText();
            h.put("Mcp-Method", method);
            String name = RoutingHeaders.nameOf(method, message.path("params"));
            if (name != null) {
                h.put("Mcp-Name", RoutingHeaders.headerValue(name));
            }
        }
        return h;
    }

    private static boolean isEventStream(OutboundResponse response) {
        String type = response.contentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream");
    }

    /** A short reason from an error body (a JSON-RPC error's message), so a refusal says why. */
    private static String errorOf(OutboundResponse response) {
        try {
            JsonNode body = MAPPER.readTree(response.body());
            String message = body == null ? null : body.path("error").path("message").asText(null);
            return message == null ? "" : ": " + io.toolgate.invoke.ValueText.shorten(message);
        } catch (IOException e) {
            return "";
        }
    }

    private void receive(String json) {
        JsonNode message;
        try {
            message = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UpstreamException("the upstream " + upstream + " answered with malformed JSON");
        }
        if (message == null) {
            return;
        }
        List<JsonNode> messages = new ArrayList<>();
        if (message.isArray()) {
            message.forEach(messages::add);
        } else {
            messages.add(message);
        }
        for (JsonNode m : messages) {
            ObjectNode reply = peer.receive(m);
            if (reply != null) {
                send(reply);
            }
        }
    }

    /**
     * Opens the channel for what the upstream sends outside calls, on a thread of its own that reopens it when it
     * ends (after 1 s, doubling to 30 s while it keeps failing): under 2025 the GET stream (an upstream that answers
     * 405 offers none, and is not asked again), under 2026-07-28 a {@code subscriptions/listen} request.
     */
    @Override
    public void listen(ObjectNode listenParams) {
        Thread t = new Thread(() -> keepListening(listenParams), "toolgate-upstream-stream-" + upstream);
        t.setDaemon(true);
        stream = t;
        t.start();
    }

    private void keepListening(ObjectNode listenParams) {
        Duration retry = STREAM_RETRY;
        long ids = 0;
        OutboundPolicy p = new OutboundPolicy(policy.allowedHosts(), policy.allowPrivateNetwork(), STREAM_LIFETIME,
                Integer.MAX_VALUE);
        while (open && !Thread.currentThread().isInterrupted()) {
            long opened = System.nanoTime();
            try {
                OutboundResponse response;
                if (listenParams == null) {
                    response = exchange("GET", requestHeaders(null, "text/event-stream"), null, p);
                    if (response.status() == 405) {
                        LOG.debugf("Upstream %s offers no GET stream; its notifications arrive only within calls",
                                upstream);
                        return;
                    }
                } else {
                    ObjectNode listen = JsonRpcPeer.notification("subscriptions/listen", listenParams.deepCopy());
                    listen.put("id", "listen-" + (++ids));
                    Map<String, String> h = requestHeaders(listen, "application/json, text/event-stream");
                    h.put("Content-Type", "application/json");
                    response = exchange("POST", h, MAPPER.writeValueAsBytes(listen), p);
                }
                if (response.status() == 404 && sessionId != null) {
                    open = false;
                    peer.failAll("the upstream " + upstream + " ended its session");
                    return;
                }
                if (response.status() / 100 == 2 && System.nanoTime() - opened > STREAM_RETRY.toNanos()) {
                    retry = STREAM_RETRY; // it was up for a while: a cut, not a failure
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.debugf("Upstream %s: its notification stream ended: %s", upstream, e.getMessage());
            }
            try {
                Thread.sleep(retry.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            retry = retry.multipliedBy(2).compareTo(STREAM_MAX_RETRY) > 0 ? STREAM_MAX_RETRY : retry.multipliedBy(2);
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void onNotification(Consumer<ObjectNode> listener) {
        peer.onNotification(listener);
    }

    @Override
    public void close() {
        open = false;
        Thread t = stream;
        if (t != null) {
            t.interrupt();
        }
        peer.failAll("the upstream " + upstream + " was closed");
        String session = sessionId;
        if (session != null) {
            // Ends the session upstream (the spec's DELETE); best effort, the upstream expires it otherwise.
            executor.execute(() -> {
                try {
                    Map<String, String> h = requestHeaders(null, "application/json");
                    exchange("DELETE", h, null, policy);
                } catch (RuntimeException | InterruptedException e) {
                    // nothing to do
                }
            });
        }
    }
}

package io.toolgate.gateway;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.declarative.OutboundPolicy;
import io.toolgate.declarative.OutboundRequest;
import io.toolgate.declarative.OutboundResponse;
import io.toolgate.declarative.SafeHttpClient;
import io.toolgate.tool.UpstreamException;

/**
 * An upstream MCP server over Streamable HTTP, through {@link SafeHttpClient}: its address passes the same SSRF rules
 * as a declarative HTTP tool's (public addresses only unless the file allows the private network; the host fixed by
 * the file, so a redirect cannot take a request elsewhere), and its answers are bounded by the same size limit. Each
 * message is one POST; the answer is JSON or an event stream read to its end. The session id the upstream hands out
 * at initialisation goes on every later request; a 404 on it means the session is gone and the owner reconnects.
 */
final class HttpConnection implements McpConnection {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String upstream;
    private final URI url;
    private final SafeHttpClient client;
    private final OutboundPolicy policy;
    private final Map<String, String> headers;
    private final Set<String> secretHeaders;
    private final Executor executor;
    private final JsonRpcPeer peer;
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile boolean open = true;

    HttpConnection(String upstream, URI url, SafeHttpClient client, OutboundPolicy policy, Map<String, String> headers,
            Set<String> secretHeaders, Executor executor) {
        this.upstream = upstream;
        this.url = url;
        this.client = client;
        this.policy = policy;
        this.headers = headers;
        this.secretHeaders = secretHeaders;
        this.executor = executor;
        this.peer = new JsonRpcPeer(upstream);
    }

    /** After initialisation: the revision agreed, sent as MCP-Protocol-Version on every later request. */
    void protocolVersion(String version) {
        this.protocolVersion = version;
    }

    /**
     * Posts the request on the calling thread, which the tool call already blocks (a virtual or worker thread): the
     * answer is there when this returns, without a hand-over to another thread and back (measured: a fifth of what
     * the gateway added to a call). An interrupt (the pipeline's timeout) ends the wait.
     */
    @Override
    public JsonRpcPeer.Outgoing request(String method, ObjectNode params, Duration timeout) {
        JsonRpcPeer.Outgoing out = peer.newRequest(method, params, timeout);
        try {
            post(out.message(), timeout);
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
        executor.execute(() -> {
            try {
                post(JsonRpcPeer.notification(method, params), policy.timeout());
            } catch (RuntimeException | InterruptedException e) {
                // a notification has no answer to fail; the next request will find a broken upstream
            }
        });
    }

    private void post(ObjectNode message, Duration timeout) throws InterruptedException {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Content-Type", "application/json");
        h.put("Accept", "application/json, text/event-stream");
        if (sessionId != null) {
            h.put("Mcp-Session-Id", sessionId);
        }
        if (protocolVersion != null) {
            h.put("MCP-Protocol-Version", protocolVersion);
        }
        byte[] body;
        try {
            body = MAPPER.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        OutboundPolicy p = new OutboundPolicy(policy.allowedHosts(), policy.allowPrivateNetwork(), timeout,
                policy.maxResponseBytes());
        OutboundResponse response = client.send(new OutboundRequest("POST", url, h, body, secretHeaders), p);
        if (response.status() == 404 && sessionId != null) {
            open = false;
            peer.failAll("the upstream " + upstream + " ended its session");
            return;
        }
        if (response.status() == 202 || response.status() == 204) {
            return;
        }
        if (response.status() / 100 != 2) {
            throw new UpstreamException("the upstream " + upstream + " answered HTTP " + response.status());
        }
        String session = response.header("Mcp-Session-Id");
        if (session != null && sessionId == null) {
            sessionId = session;
        }
        String type = response.contentType() == null ? "" : response.contentType().toLowerCase();
        if (type.startsWith("text/event-stream")) {
            for (String data : ServerSentEvents.data(new String(response.body(), StandardCharsets.UTF_8))) {
                receive(data);
            }
        } else if (response.body().length > 0) {
            receive(new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    private void receive(String json) {
        JsonNode message;
        try {
            message = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UpstreamException("the upstream " + upstream + " answered with malformed JSON");
        }
        for (JsonNode m : message.isArray() ? List.copyOf(iterable(message)) : List.of(message)) {
            ObjectNode reply = peer.receive(m);
            if (reply != null) {
                notifyRaw(reply);
            }
        }
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private void notifyRaw(ObjectNode reply) {
        executor.execute(() -> {
            try {
                post(reply, policy.timeout());
            } catch (RuntimeException | InterruptedException e) {
                // the upstream asked; if it cannot be told, its own timeout answers it
            }
        });
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
        peer.failAll("the upstream " + upstream + " was closed");
        String session = sessionId;
        if (session != null) {
            // Ends the session upstream (the spec's DELETE); best effort, the upstream expires it otherwise.
            executor.execute(() -> {
                try {
                    Map<String, String> h = new LinkedHashMap<>(headers);
                    h.put("Mcp-Session-Id", session);
                    client.send(new OutboundRequest("DELETE", url, h, null, secretHeaders), policy);
                } catch (RuntimeException | InterruptedException e) {
                    // nothing to do
                }
            });
        }
    }
}

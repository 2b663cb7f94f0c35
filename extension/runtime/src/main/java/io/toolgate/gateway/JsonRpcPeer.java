package io.toolgate.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.tool.UpstreamException;

/**
 * The JSON-RPC bookkeeping both transports share: numbering requests, matching answers to them, handing
 * notifications on, and answering the few requests an upstream may send its client. Toolgate offers upstreams no
 * client capabilities (no sampling, roots or elicitation: a caller's model or files must not be reachable from an
 * upstream through Toolgate), so every such request gets "method not found", and {@code ping} an empty result.
 */
final class JsonRpcPeer {

    private static final Logger LOG = Logger.getLogger(JsonRpcPeer.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The timeout of a request that lasts as long as its connection (a listen stream). */
    static final Duration FOREVER = Duration.ofDays(3650);

    private final String upstream;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<ObjectNode>> listeners = new CopyOnWriteArrayList<>();

    JsonRpcPeer(String upstream) {
        this.upstream = upstream;
    }

    /** A request message with a fresh id, and the future its answer completes. */
    record Outgoing(long id, ObjectNode message, CompletableFuture<JsonNode> answer) {
    }

    Outgoing newRequest(String method, ObjectNode params, Duration timeout) {
        long id = ids.incrementAndGet();
        ObjectNode message = JSON.objectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> {
            pending.remove(id);
            if (e instanceof TimeoutException) {
                LOG.debugf("Upstream %s did not answer %s (id %d) within %s", upstream, method, id, timeout);
            }
        });
        return new Outgoing(id, message, answer);
    }

    static ObjectNode notification(String method, ObjectNode params) {
        ObjectNode message = JSON.objectNode().put("jsonrpc", "2.0").put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        return message;
    }

    void onNotification(Consumer<ObjectNode> listener) {
        listeners.add(listener);
    }

    /**
     * One message from the upstream.
     *
     * @return the answer to send back for a request the upstream made, or null
     */
    ObjectNode receive(JsonNode message) {
        if (!message.isObject()) {
            LOG.debugf("Upstream %s sent a message that is not a JSON object; ignored", upstream);
            return null;
        }
        JsonNode id = message.get("id");
        JsonNode method = message.get("method");
        if (method != null && method.isTextual()) {
            if (id == null || id.isNull()) {
                for (Consumer<ObjectNode> l : listeners) {
                    l.accept((ObjectNode) message);
                }
                return null;
            }
            ObjectNode answer = JSON.objectNode().put("jsonrpc", "2.0").set("id", id);
            if (method.asText().equals("ping")) {
                answer.putObject("result");
            } else {
                answer.putObject("error").put("code", -32601).put("message", "Toolgate offers upstream servers no"
                        + " client capabilities; " + method.asText() + " is not available");
            }
            return answer;
        }
        if (id == null || !id.canConvertToLong()) {
            return null;
        }
        CompletableFuture<JsonNode> answer = pending.remove(id.asLong());
        if (answer == null) {
            return null; // answered after its timeout
        }
        JsonNode error = message.get("error");
        if (error != null && error.isObject()) {
            answer.completeExceptionally(new UpstreamProtocolException(error.path("code").asInt(),
                    "the upstream " + upstream + " answered with an error: " + error.path("message").asText()));
        } else {
            answer.complete(message.path("result"));
        }
        return null;
    }

    /** The transport is gone: every call waiting on it fails now rather than at its timeout. */
    void failAll(String reason) {
        for (Long id : pending.keySet()) {
            CompletableFuture<JsonNode> answer = pending.remove(id);
            if (answer != null) {
                answer.completeExceptionally(new UpstreamException(reason));
            }
        }
    }
}

package io.toolgate.mcp;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import io.toolgate.tool.ToolException;
import jakarta.inject.Singleton;

/**
 * Requests this instance sent to clients (2025 revisions: elicitation, sampling, roots during a tool call), waiting
 * for the client's answer, which arrives as a separate message (a POST over HTTP, a line over stdio). Answers are
 * matched by id only; ids are random enough that one client cannot answer another's question by guessing.
 */
@Singleton
public class ServerRequests {

    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private final String prefix = "toolgate-" + Long.toHexString(new java.security.SecureRandom().nextLong()) + "-";

    /** Sends the request on the channel; the future completes with the client's result. */
    CompletableFuture<JsonNode> send(McpChannel channel, String method, JsonNode params) {
        String id = prefix + counter.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        answer.whenComplete((result, failure) -> pending.remove(id));
        channel.send(JsonRpc.request(id, method, params));
        return answer;
    }

    /** A client's response; false when it answers nothing this instance asked. */
    boolean answer(JsonNode response) {
        JsonNode id = response.get("id");
        CompletableFuture<JsonNode> waiting = id != null && id.isTextual() ? pending.get(id.asText()) : null;
        if (waiting == null) {
            return false;
        }
        JsonNode error = response.get("error");
        if (error != null) {
            waiting.completeExceptionally(new ToolException("The client refused the request: "
                    + error.path("message").asText("no reason given")));
        } else {
            waiting.complete(response.path("result"));
        }
        return true;
    }

    int pending() {
        return pending.size();
    }
}

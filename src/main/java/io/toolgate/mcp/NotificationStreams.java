package io.toolgate.mcp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.tool.ToolRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The open {@code GET /mcp} streams. The tool list is the same for every client, so a change is announced on all
 * of them, with or without a session.
 */
@ApplicationScoped
public class NotificationStreams {

    private final Set<SseStream> streams = ConcurrentHashMap.newKeySet();

    @Inject
    ToolRegistry registry;

    void listen(@Observes StartupEvent start) {
        registry.onChange(() -> broadcast(JsonRpc.notification("notifications/tools/list_changed", null)));
    }

    void add(SseStream stream) {
        streams.add(stream);
    }

    void remove(SseStream stream) {
        streams.remove(stream);
    }

    void closeSession(String sessionId) {
        for (SseStream stream : streams) {
            if (sessionId.equals(stream.sessionId())) {
                stream.close();
                streams.remove(stream);
            }
        }
    }

    private void broadcast(com.fasterxml.jackson.databind.node.ObjectNode message) {
        for (SseStream stream : streams) {
            if (stream.isClosed()) {
                streams.remove(stream);
            } else {
                stream.send(message);
            }
        }
    }
}

package io.toolgate.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.http.HttpServerResponse;

/** A Server-Sent Events response carrying JSON-RPC messages; writes after the end are dropped. */
final class SseStream implements McpChannel {

    private final HttpServerResponse response;
    private final String sessionId;
    private boolean closed;

    SseStream(HttpServerResponse response, String sessionId) {
        this(response, sessionId, () -> {
        });
    }

    /** @param onClose runs when the client goes away (Vert.x keeps one close handler per response, so it is ours) */
    SseStream(HttpServerResponse response, String sessionId, Runnable onClose) {
        this.response = response;
        this.sessionId = sessionId;
        response.setStatusCode(200)
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache, no-transform")
                .putHeader("X-Accel-Buffering", "no");
        if (sessionId != null) {
            response.putHeader("Mcp-Session-Id", sessionId);
        }
        // A comment line sends the headers now, so the client knows the stream is open before any event.
        response.write(": toolgate\n\n");
        response.closeHandler(v -> {
            markClosed();
            onClose.run();
        });
    }

    String sessionId() {
        return sessionId;
    }

    @Override
    public synchronized void send(ObjectNode message) {
        if (!closed) {
            response.write("event: message\ndata: " + message + "\n\n");
        }
    }

    synchronized void close() {
        if (!closed) {
            closed = true;
            response.end();
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private synchronized void markClosed() {
        closed = true;
    }
}

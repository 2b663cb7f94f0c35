package io.toolgate.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * One HTTP response carrying JSON-RPC messages. It becomes a Server-Sent Events stream only when a message other
 * than the response has to go out first (a progress or log notification, a question to the client), so that a plain
 * request is still answered with plain JSON; a {@code GET /mcp} or {@code subscriptions/listen} stream opens at once.
 * Writes after the end are dropped.
 */
final class SseStream implements McpChannel {

    private static final ObjectWriter WRITER = new ObjectMapper().writer();

    private final HttpServerResponse response;
    private final String sessionId;
    private final java.util.List<Runnable> closeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean streaming;
    private boolean closed;

    /** A response that stays plain JSON unless something is sent before it ends. */
    SseStream(HttpServerResponse response, String sessionId) {
        this.response = response;
        this.sessionId = sessionId;
        response.closeHandler(v -> markClosed());
    }

    /** A stream opened at once; {@code onClose} runs when the client goes away. */
    static SseStream open(HttpServerResponse response, String sessionId, Runnable onClose) {
        SseStream stream = new SseStream(response, sessionId);
        // Vert.x keeps one close handler per response, so this one does both jobs.
        response.closeHandler(v -> {
            stream.markClosed();
            onClose.run();
        });
        stream.start();
        return stream;
    }

    String sessionId() {
        return sessionId;
    }

    @Override
    public synchronized void send(ObjectNode message) {
        if (closed) {
            return;
        }
        start();
        writeEvent(message);
    }

    private void writeEvent(JsonNode message) {
        response.write(Buffer.buffer("event: message\ndata: ").appendBytes(utf8(message)).appendString("\n\n"));
    }

    @Override
    public synchronized boolean canSend() {
        return !closed;
    }

    /**
     * Ends the response with the message: as the last event of a stream, or as a JSON body with the status when
     * nothing was streamed; with no message a plain response becomes 202 Accepted.
     */
    synchronized void finish(JsonNode message, int status) {
        if (closed || response.ended()) {
            return;
        }
        closed = true;
        if (streaming) {
            if (message != null) {
                writeEvent(message);
            }
            response.end();
        } else if (message == null) {
            response.setStatusCode(202).end();
        } else {
            response.setStatusCode(status).putHeader("Content-Type", "application/json").end(Buffer.buffer(utf8(message)));
        }
    }

    synchronized void close() {
        if (!closed) {
            closed = true;
            if (!response.ended()) {
                start();
                response.end();
            }
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized boolean isStreaming() {
        return streaming;
    }

    private void start() {
        if (streaming) {
            return;
        }
        streaming = true;
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
    }

    /** Runs when the client goes away or the response ends. */
    void onClose(Runnable listener) {
        closeListeners.add(listener);
        if (isClosed()) {
            listener.run();
        }
    }

    private void markClosed() {
        synchronized (this) {
            closed = true;
        }
        closeListeners.forEach(Runnable::run);
    }

    static byte[] utf8(JsonNode body) {
        try {
            return WRITER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}

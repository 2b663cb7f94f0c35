package io.toolgate.mcp;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A POST to {@code /mcp} whose answer is read while it arrives: each SSE event (or the one JSON body) becomes a
 * message in a queue, so a test can react to a message (answer a server request, trigger a change) while the stream
 * is still open.
 */
final class McpStream implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    private McpStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        boolean sse = contentType().startsWith("text/event-stream");
        Thread reader = new Thread(() -> read(sse), "mcp-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Posts the body with the headers; returns once the response's headers arrived. */
    static McpStream post(URI mcp, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(mcp).header("Content-Type", "application/json")
                .header("Accept", Mcp.ACCEPT).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return new McpStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    private void read(boolean sse) {
        StringBuilder data = new StringBuilder();
        try {
            Iterator<String> lines = response.body().iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (!sse) {
                    data.append(line);
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                } else if (line.isEmpty() && data.length() > 0) {
                    messages.add(Mcp.json(data.toString()));
                    data.setLength(0);
                }
            }
            if (!sse && data.length() > 0) {
                messages.add(Mcp.json(data.toString()));
            }
        } catch (RuntimeException closed) {
            // the test closed the stream, or the server went away
        } finally {
            ended = true;
        }
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The next message; fails the test when none arrives in time. */
    JsonNode next(Duration within) throws InterruptedException {
        JsonNode message = poll(within);
        assertNotNull(message, "no message within " + within + " (status " + status() + ", ended " + ended + ")");
        return message;
    }

    /** The next message, or null when none arrives in time. */
    JsonNode poll(Duration within) throws InterruptedException {
        return messages.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the server ended the response. */
    boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        response.body().close();
    }
}

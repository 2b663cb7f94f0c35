package io.toolgate.declarative;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small HTTP server on 127.0.0.1 standing in for remote APIs: answers are set per path, every request is recorded
 * with its headers and body. The JDK's server rather than WireMock: tests need only canned answers, redirects and
 * the raw request, and this keeps the test class path free of a second HTTP stack.
 */
final class HttpStub implements AutoCloseable {

    record Recorded(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey() != null && h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue().get(0);
                }
            }
            return null;
        }
    }

    record Answer(int status, Map<String, String> headers, byte[] body, long delayMs) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<Recorded> requests = new CopyOnWriteArrayList<>();

    HttpStub(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        // Several threads, so that a slow answer does not hold up the others.
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    HttpStub json(String path, int status, String body) {
        answers.put(path, new Answer(status, Map.of("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8), 0));
        return this;
    }

    HttpStub answer(String path, int status, Map<String, String> headers, byte[] body) {
        answers.put(path, new Answer(status, headers, body, 0));
        return this;
    }

    HttpStub slow(String path, long delayMs) {
        answers.put(path, new Answer(200, Map.of("Content-Type", "application/json"),
                "{\"slow\":true}".getBytes(StandardCharsets.UTF_8), delayMs));
        return this;
    }

    HttpStub redirect(String path, int status, String location) {
        return answer(path, status, Map.of("Location", location), new byte[0]);
    }

    Recorded last() {
        return requests.isEmpty() ? null : requests.get(requests.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                Map.copyOf(exchange.getRequestHeaders()), body));
        Answer answer = answers.get(exchange.getRequestURI().getRawPath());
        if (answer == null) {
            answer = new Answer(404, Map.of("Content-Type", "application/json"),
                    "{\"error\":\"no stub for this path\"}".getBytes(StandardCharsets.UTF_8), 0);
        }
        if (answer.delayMs() > 0) {
            try {
                Thread.sleep(answer.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

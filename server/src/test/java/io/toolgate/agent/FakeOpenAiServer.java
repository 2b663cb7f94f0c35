package io.toolgate.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An OpenAI-compatible server on a free loopback port that plays scripted responses in order and records every
 * request it got. Tests script and read it over HTTP ({@code POST /fake/script}, {@code GET /fake/requests}), so
 * nothing depends on which class loader the test and this resource live in.
 */
public class FakeOpenAiServer implements QuarkusTestResourceLifecycleManager {

    public static final String API_KEY = "sk-test-0123456789abcdefSECRET";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Deque<JsonNode> script = new ArrayDeque<>();
    private final List<JsonNode> received = new ArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/chat/completions", this::complete);
        server.createContext("/fake/script", this::script);
        server.createContext("/fake/requests", this::requests);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.langchain4j.openai.base-url", base + "/v1/",
                "quarkus.langchain4j.openai.api-key", API_KEY,
                "quarkus.langchain4j.openai.chat-model.model-name", "fake-model",
                "fake-openai.url", base);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void complete(HttpExchange exchange) throws IOException {
        JsonNode next;
        synchronized (this) {
            received.add(mapper.readTree(read(exchange.getRequestBody())));
            next = script.poll();
        }
        if (next == null) {
            send(exchange, 500, "{\"error\":{\"message\":\"the fake has no scripted response left\"}}");
            return;
        }
        if (next.has("delay_ms")) {
            try {
                Thread.sleep(next.get("delay_ms").asLong());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        send(exchange, next.path("status").asInt(200), next.get("body").toString());
    }

    private void script(HttpExchange exchange) throws IOException {
        JsonNode steps = mapper.readTree(read(exchange.getRequestBody()));
        synchronized (this) {
            script.clear();
            received.clear();
            steps.forEach(script::add);
        }
        send(exchange, 200, "{}");
    }

    private void requests(HttpExchange exchange) throws IOException {
        ArrayNode out = mapper.createArrayNode();
        synchronized (this) {
            out.addAll(received);
        }
        send(exchange, 200, out.toString());
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

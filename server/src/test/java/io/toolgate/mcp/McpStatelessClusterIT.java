package io.toolgate.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.toolgate.workflow.ToolgateProcess;

/**
 * Two packaged instances, each with its own embedded database and no shared secret, behind a plain round-robin proxy
 * (no affinity: request n goes to instance n mod 2), serve one 2026-07-28 client: every request of the revision
 * stands alone, tools/list cursors are read by the other instance, and nothing about the client is remembered
 * between requests. An input-required round trip needs the instances to share {@code toolgate.mcp.session-secret}:
 * without it the instance answering the retry cannot verify the other's {@code requestState} and refuses it with
 * -32602 (a client can still start the call again without the state); with it the round trip completes.
 * Runs in {@code ./mvnw verify} after packaging.
 */
class McpStatelessClusterIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ASKING_TOOL = "test_input_required_result_elicitation";

    private final List<ToolgateProcess> servers = new ArrayList<>();
    private RoundRobinProxy proxy;
    private final AtomicLong ids = new AtomicLong();

    @AfterEach
    void stop() throws InterruptedException {
        if (proxy != null) {
            proxy.close();
        }
        for (ToolgateProcess server : servers) {
            server.killIfAlive();
        }
    }

    /** Two instances with their own data directories behind a fresh proxy. */
    private void startPair(String prefix, String... extraOptions) throws Exception {
        List<String> options = new ArrayList<>(List.of("-Dtoolgate.mcp.conformance-fixtures=true",
                "-Dtoolgate.mcp.page-size=5"));
        options.addAll(List.of(extraOptions));
        Path dir = Files.createTempDirectory(prefix);
        List<URI> backends = new ArrayList<>();
        for (String name : new String[] { "a", "b" }) {
            Path own = Files.createDirectories(dir.resolve(name));
            ToolgateProcess server = ToolgateProcess.launch(own, name, options.toArray(String[]::new));
            servers.add(server);
            backends.add(server.uri(""));
        }
        proxy = new RoundRobinProxy(backends);
    }

    @Test
    void twoInstancesWithoutAffinityServeAStatelessClientWithoutAnError() throws Exception {
        startPair("toolgate-cluster");

        JsonNode discover = ok("server/discover", null);
        assertTrue(discover.path("supportedVersions").toString().contains(Mcp.STATELESS), discover.toString());
        assertTrue(discover.path("capabilities").path("extensions").path(Mcp.TASKS).isObject());

        // Every page of the tool list; with five a page, cursors issued by one instance are read by the other.
        List<String> tools = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ObjectNode params = Mcp.JSON.createObjectNode();
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            JsonNode page = ok("tools/list", params);
            assertTrue(page.path("tools").size() <= 5, page.toString());
            page.path("tools").forEach(t -> tools.add(t.path("name").asText()));
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 100);
        assertTrue(pages >= 4, "pages: " + pages);
        assertEquals(tools.size(), new HashSet<>(tools).size(), "no tool listed twice: " + tools);
        assertEquals(tools.stream().sorted().toList(), tools, "one sorted list across both instances");
        assertTrue(tools.containsAll(List.of("search_products", "lookup_customer", "check_product_availability",
                "calculate_total_price", "greet", ASKING_TOOL)), tools.toString());

        assertEquals("laptop", call("search_products", "{\"query\":\"laptop\"}").at("/structuredContent/query")
                .asText());
        assertEquals(12345, call("lookup_customer", "{\"customer_id\":12345}").at("/structuredContent/customer_id")
                .asInt());
        assertTrue(call("check_product_availability", "{\"product_id\":\"LAP-001\",\"quantity\":1}")
                .at("/structuredContent/available").isBoolean());
        assertTrue(call("calculate_total_price", "{\"items\":[{\"product_id\":\"LAP-001\",\"quantity\":2}],"
                + "\"destination_state\":\"CA\"}").at("/structuredContent/total").isNumber());
        assertEquals("Hello, Ada!", call("greet", "{\"name\":\"Ada\"}").at("/content/0/text").asText());
        assertEquals("This is a simple text response for testing.", call("test_simple_text", "{}")
                .at("/content/0/text").asText());

        JsonNode resources = ok("resources/list", null);
        assertTrue(resources.path("resources").size() > 0, resources.toString());
        String uri = resources.at("/resources/0/uri").asText();
        JsonNode read = ok("resources/read", Mcp.json("{\"uri\":\"" + uri + "\"}"));
        assertEquals(uri, read.at("/contents/0/uri").asText(), read.toString());

        List<String> prompts = new ArrayList<>();
        cursor = null;
        do {
            ObjectNode params = Mcp.JSON.createObjectNode();
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            JsonNode page = ok("prompts/list", params);
            page.path("prompts").forEach(p -> prompts.add(p.path("name").asText()));
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null && prompts.size() < 1000);
        assertTrue(prompts.contains("place_order"), prompts.toString());
        JsonNode prompt = ok("prompts/get", Mcp.json("{\"name\":\"place_order\",\"arguments\":{\"customer_id\":"
                + "\"12345\",\"product_id\":\"LAP-001\",\"quantity\":\"2\"}}"));
        assertTrue(prompt.at("/messages/0/content/text").asText().contains("customer 12345"), prompt.toString());

        JsonNode completion = ok("completion/complete", Mcp.json("{\"ref\":{\"type\":\"ref/prompt\",\"name\":"
                + "\"place_order\"},\"argument\":{\"name\":\"customer_id\",\"value\":\"1\"}}"));
        assertTrue(completion.at("/completion/values").size() > 0, completion.toString());

        int[] served = proxy.served();
        assertTrue(served[0] > 5 && served[1] > 5, "both instances served requests: a=" + served[0] + ", b="
                + served[1]);
        assertTrue(Math.abs(served[0] - served[1]) <= 1, "strict alternation: a=" + served[0] + ", b=" + served[1]);
        assertEquals(0, proxy.failures(), "the proxy forwarded everything");
    }

    /**
     * Without a shared secret each instance signs request states with a random key of its own, so the retry, which
     * the proxy sends to the other instance, is refused as a clear -32602 (not a 500). The call itself is not lost:
     * started again without the state but with the answer, it completes on whichever instance receives it.
     */
    @Test
    void withoutASharedSecretARequestStateFromTheOtherInstanceIsAClearInvalidParams() throws Exception {
        startPair("toolgate-cluster-nosecret");
        String state = firstRound();

        HttpResponse<String> retry = post(retry(state));
        assertEquals(1, proxy.served()[0], "round one went to a");
        assertEquals(1, proxy.served()[1], "the retry went to b");
        assertEquals(200, retry.statusCode(), retry.body());
        JsonNode refused = message(retry);
        assertEquals(-32602, refused.at("/error/code").asInt(), refused.toString());
        assertTrue(refused.at("/error/message").asText().contains("requestState"), refused.toString());
        assertTrue(refused.at("/result").isMissingNode());

        JsonNode again = message(post(retry(null)));
        assertEquals("Hello, Ada!", again.at("/result/content/0/text").asText(), again.toString());
        assertEquals(0, proxy.failures());
    }

    @Test
    void withASharedSecretTheInputRequiredRoundTripCrossesInstances() throws Exception {
        startPair("toolgate-cluster-secret", "-Dtoolgate.mcp.session-secret=one-secret-for-the-whole-cluster");
        String state = firstRound();
        int[] afterFirst = proxy.served();

        JsonNode done = message(post(retry(state)));
        int[] afterRetry = proxy.served();
        assertEquals("Hello, Ada!", done.at("/result/content/0/text").asText(), done.toString());
        assertEquals("complete", done.at("/result/resultType").asText());
        assertEquals(1, afterFirst[0] + afterFirst[1]);
        assertEquals(1, afterRetry[0], "one request each");
        assertEquals(1, afterRetry[1], "one request each");
    }

    // ---- the client ----------------------------------------------------------------------------------------------

    /** Round one of the asking tool: an input-required result; returns its state. */
    private String firstRound() throws Exception {
        JsonNode first = message(post(Mcp.call2026(ids.incrementAndGet(), ASKING_TOOL, "{}",
                Mcp.capabilities("elicitation"))));
        assertEquals("input_required", first.at("/result/resultType").asText(), first.toString());
        assertEquals("elicitation/create", first.at("/result/inputRequests/user_name/method").asText());
        String state = first.at("/result/requestState").asText();
        assertFalse(state.isEmpty());
        return state;
    }

    private ObjectNode retry(String state) {
        ObjectNode message = Mcp.call2026(ids.incrementAndGet(), ASKING_TOOL, "{}", Mcp.capabilities("elicitation"));
        ObjectNode params = (ObjectNode) message.get("params");
        if (state != null) {
            params.put("requestState", state);
        }
        params.putObject("inputResponses").putObject("user_name").put("action", "accept").putObject("content")
                .put("name", "Ada");
        return message;
    }

    private JsonNode call(String tool, String arguments) throws Exception {
        JsonNode result = ok("tools/call", Mcp.json("{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}"));
        assertFalse(result.path("isError").asBoolean(false), tool + ": " + result);
        return result;
    }

    /** Sends a request and returns its result, asserting a success in every respect. */
    private JsonNode ok(String method, ObjectNode params) throws Exception {
        long id = ids.incrementAndGet();
        HttpResponse<String> response = post(Mcp.request2026(id, method, params, Mcp.capabilities()));
        assertEquals(200, response.statusCode(), method + ": " + response.body());
        JsonNode message = message(response);
        assertEquals(id, message.path("id").asLong(), message.toString());
        assertTrue(message.path("error").isMissingNode(), method + ": " + message);
        JsonNode result = message.get("result");
        assertNotNull(result, message.toString());
        assertEquals("complete", result.path("resultType").asText(), method + ": " + result);
        return result;
    }

    private HttpResponse<String> post(JsonNode message) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(proxy.uri("/mcp"))
                .header("Content-Type", "application/json").header("Accept", Mcp.ACCEPT)
                .header("MCP-Protocol-Version", Mcp.STATELESS)
                .header("Mcp-Method", message.path("method").asText())
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(message.toString()));
        String name = RoutingHeaders.nameOf(message.path("method").asText(), message.path("params"));
        if (name != null) {
            request.header("Mcp-Name", name);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The response message of a JSON body or the last event of an SSE body. */
    private static JsonNode message(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("text/event-stream")) {
            return Mcp.json(response.body());
        }
        JsonNode last = null;
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data:")) {
                last = Mcp.json(line.substring(5).strip());
            }
        }
        assertNotNull(last, response.body());
        return last;
    }

    /**
     * A load balancer at its plainest: request n goes to backend n mod 2, headers and body pass through, and the
     * response is streamed back as it arrives (so SSE works), with no affinity of any kind.
     */
    static final class RoundRobinProxy implements AutoCloseable {

        private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
                "trailer", "upgrade", "proxy-connection", "host", "content-length", "expect");

        private final List<URI> backends;
        private final HttpServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final AtomicInteger counter = new AtomicInteger();
        private final AtomicInteger[] served;
        private final AtomicInteger failures = new AtomicInteger();

        RoundRobinProxy(List<URI> backends) throws IOException {
            this.backends = backends;
            this.served = new AtomicInteger[backends.size()];
            for (int i = 0; i < served.length; i++) {
                served[i] = new AtomicInteger();
            }
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::forward);
            server.setExecutor(threads);
            server.start();
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        }

        int[] served() {
            int[] counts = new int[served.length];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = served[i].get();
            }
            return counts;
        }

        int failures() {
            return failures.get();
        }

        private void forward(HttpExchange exchange) throws IOException {
            int backend = counter.getAndIncrement() % backends.size();
            served[backend].incrementAndGet();
            try {
                URI target = backends.get(backend).resolve(exchange.getRequestURI().toString());
                byte[] body = exchange.getRequestBody().readAllBytes();
                HttpRequest.Builder request = HttpRequest.newBuilder(target).method(exchange.getRequestMethod(),
                        body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                        values.forEach(value -> request.header(name, value));
                    }
                });
                HttpResponse<InputStream> response = HTTP.send(request.build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
                    if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))
                            && !header.getKey().startsWith(":")) {
                        exchange.getResponseHeaders().put(header.getKey(), header.getValue());
                    }
                }
                long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                boolean empty = length == 0 || response.statusCode() == 204 || response.statusCode() == 304;
                exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : 0);
                try (InputStream in = response.body()) {
                    if (!empty) {
                        OutputStream out = exchange.getResponseBody();
                        byte[] buffer = new byte[8192];
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            out.write(buffer, 0, n);
                            out.flush(); // event by event, not when the stream ends
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                failures.incrementAndGet();
                throw e;
            } catch (InterruptedException e) {
                failures.incrementAndGet();
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}

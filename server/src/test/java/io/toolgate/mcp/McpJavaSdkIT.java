package io.toolgate.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The official MCP Java SDK's synchronous client ({@code io.modelcontextprotocol.sdk:mcp}) against the packaged jar,
 * as shipped (no conformance fixtures): over Streamable HTTP (the jar started on a free port) and over stdio (the jar
 * started by the SDK's {@link StdioClientTransport} with the {@code stdio} profile), each with its own temporary
 * {@code toolgate.data-dir}. Runs in {@code ./mvnw verify} after packaging; {@code -Dtoolgate.jar=...} points it at
 * another build.
 */
class McpJavaSdkIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration REQUEST = Duration.ofSeconds(30);

    private final List<Path> dataDirs = new ArrayList<>();
    private final List<String> serverStderr = Collections.synchronizedList(new ArrayList<>());
    private Process httpServer;
    private Path httpLog;
    private McpSyncClient client;
    private final Validator validator = new Validator();

    @AfterEach
    void stop() throws InterruptedException {
        if (client != null) {
            client.closeGracefully();
        }
        if (httpServer != null && httpServer.isAlive()) {
            httpServer.destroy();
            if (!httpServer.waitFor(20, TimeUnit.SECONDS)) {
                httpServer.destroyForcibly();
            }
        }
        for (Path dir : dataDirs) {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary directory left behind is no failure
        }
    }

    @Test
    void speaksMcpOverStreamableHttp() throws Exception {
        int port = freePort();
        Path dataDir = dataDir();
        httpLog = dataDir.resolve("server.log");
        httpServer = new ProcessBuilder(java(), "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dtoolgate.data-dir=" + dataDir, "-jar", jar())
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(httpLog.toFile())
                .start();
        awaitReady(port);

        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + port)
                .endpoint("/mcp")
                .build();
        exercise(transport, "Streamable HTTP (log: " + httpLog + ")");
    }

    @Test
    void speaksMcpOverStdio() throws Exception {
        Path dataDir = dataDir();
        ServerParameters server = ServerParameters.builder(java())
                .args("-Dquarkus.profile=stdio", "-Dtoolgate.data-dir=" + dataDir, "-jar", jar())
                .build();
        StdioClientTransport transport = new StdioClientTransport(server, McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(serverStderr::add);
        exercise(transport, "stdio");
    }

    /** The same conversation on either transport. */
    private void exercise(McpClientTransport transport, String over) {
        client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("toolgate-java-sdk-it", "1.0.0"))
                .initializationTimeout(START)
                .requestTimeout(REQUEST)
                // Validate structured results against the tools' output schemas, with this project's validator.
                .enableCallToolSchemaCaching(true)
                .jsonSchemaValidator(validator)
                .build();

        McpSchema.InitializeResult init = initialize(over);
        assertThat(init.serverInfo().name()).isEqualTo("toolgate");
        assertThat(init.protocolVersion()).as("the newest revision both speak").isEqualTo("2025-11-25");
        assertThat(init.capabilities().tools()).isNotNull();
        assertThat(init.capabilities().resources()).isNotNull();
        assertThat(init.capabilities().prompts()).isNotNull();

        Set<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toSet());
        assertThat(tools).contains("lookup_customer", "search_products");

        McpSchema.CallToolResult alice = client.callTool(
                new McpSchema.CallToolRequest("lookup_customer", Map.of("customer_id", 12345)));
        assertThat(alice.isError()).as(text(alice)).isNotEqualTo(Boolean.TRUE);
        assertThat(alice.structuredContent()).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) alice.structuredContent()).get("name")).isEqualTo("Alice Johnson");
        assertThat(validator.validated).as("the client checked the result against lookup_customer's output schema")
                .hasValue(1);

        McpSchema.CallToolResult invalid = client.callTool(
                new McpSchema.CallToolRequest("lookup_customer", Map.of("customer_id", -1)));
        assertThat(invalid.isError()).isTrue();
        assertThat(text(invalid)).contains("VALIDATION_ERROR").contains("- customer_id (exclusiveMinimum)");

        McpSchema.CallToolResult unknownField = client.callTool(
                new McpSchema.CallToolRequest("lookup_customer", Map.of("customer_id", 12345, "customer", "x")));
        assertThat(unknownField.isError()).isTrue();
        assertThat(text(unknownField)).contains("- customer (additionalProperties): is not a known parameter");

        String policy = "toolgate://documents/returns-policy.txt";
        List<String> uris = client.listResources().resources().stream().map(McpSchema.Resource::uri).toList();
        assertThat(uris).contains(policy);
        McpSchema.ReadResourceResult read = client.readResource(new McpSchema.ReadResourceRequest(policy));
        assertThat(read.contents()).hasSize(1);
        assertThat(read.contents().get(0)).isInstanceOf(McpSchema.TextResourceContents.class);
        McpSchema.TextResourceContents document = (McpSchema.TextResourceContents) read.contents().get(0);
        assertThat(document.uri()).isEqualTo(policy);
        assertThat(document.text()).isNotBlank();

        List<String> prompts = client.listPrompts().prompts().stream().map(McpSchema.Prompt::name).toList();
        assertThat(prompts).contains("answer_return_question", "place_order");
        String question = "Can I return an opened laptop after 20 days?";
        McpSchema.GetPromptResult prompt = client.getPrompt(new McpSchema.GetPromptRequest("answer_return_question",
                Map.of("question", question)));
        assertThat(prompt.messages()).hasSize(2);
        assertThat(prompt.messages().get(0).content()).isInstanceOf(McpSchema.EmbeddedResource.class);
        McpSchema.ResourceContents embedded = ((McpSchema.EmbeddedResource) prompt.messages().get(0).content())
                .resource();
        assertThat(embedded.uri()).isEqualTo(policy);
        assertThat(((McpSchema.TextResourceContents) embedded).text()).isEqualTo(document.text());
        assertThat(prompt.messages().get(1).content()).isInstanceOf(McpSchema.TextContent.class);
        assertThat(((McpSchema.TextContent) prompt.messages().get(1).content()).text()).contains(question);
    }

    private McpSchema.InitializeResult initialize(String over) {
        try {
            return client.initialize();
        } catch (RuntimeException e) {
            throw new AssertionError("initialize over " + over + " failed; server output:\n" + serverOutput(), e);
        }
    }

    private static String text(McpSchema.CallToolResult result) {
        return result.content().stream()
                .filter(McpSchema.TextContent.class::isInstance)
                .map(c -> ((McpSchema.TextContent) c).text())
                .collect(Collectors.joining("\n"));
    }

    private void awaitReady(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(httpServer.isAlive(), () -> "the server stopped; its output:\n" + serverOutput());
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready within " + START + "; server output:\n" + serverOutput());
    }

    private String serverOutput() {
        List<String> lines;
        if (httpLog != null) {
            try {
                lines = Files.readAllLines(httpLog);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        } else {
            synchronized (serverStderr) {
                lines = new ArrayList<>(serverStderr);
            }
        }
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private Path dataDir() throws IOException {
        Path dir = Files.createTempDirectory("toolgate-java-sdk-it");
        dataDirs.add(dir);
        return dir;
    }

    private static String jar() {
        Path jar = Paths.get(System.getProperty("toolgate.jar", "target/quarkus-app/quarkus-run.jar"));
        assertTrue(Files.exists(jar), "package the application first: " + jar);
        return jar.toAbsolutePath().toString();
    }

    private static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The client's check of structured tool results against the tool's output schema, on the JSON Schema validator
     * this project already uses (the SDK's own validator module needs a newer json-schema-validator).
     */
    private static final class Validator implements JsonSchemaValidator {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        final AtomicInteger validated = new AtomicInteger();

        @Override
        public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
            validated.incrementAndGet();
            try {
                Set<ValidationMessage> problems = factory.getSchema(JSON.valueToTree(schema))
                        .validate(JSON.valueToTree(structuredContent));
                return problems.isEmpty()
                        ? ValidationResponse.asValid(JSON.writeValueAsString(structuredContent))
                        : ValidationResponse.asInvalid("structured content does not match the output schema: "
                                + problems);
            } catch (IOException e) {
                return ValidationResponse.asInvalid(e.toString());
            }
        }
    }
}

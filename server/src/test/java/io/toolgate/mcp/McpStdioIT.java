package io.toolgate.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Starts the packaged jar with the {@code stdio} profile, as Claude Desktop would, and talks MCP over its pipes.
 * Runs in {@code ./mvnw verify} after packaging; {@code -Dtoolgate.jar=...} points it at another build.
 */
class McpStdioIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Process server;
    private OutputStream stdin;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> allLines = new ArrayList<>();
    private Path workDir;

    @BeforeEach
    void start() throws IOException {
        Path jar = Paths.get(System.getProperty("toolgate.jar", "target/quarkus-app/quarkus-run.jar"));
        assertTrue(Files.exists(jar), "package the application first: " + jar);
        workDir = Files.createTempDirectory("toolgate-stdio");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(java, "-Dquarkus.profile=stdio", "-Dtoolgate.mcp.conformance-fixtures=true",
                "-jar", jar.toAbsolutePath().toString())
                .directory(workDir.toFile())
                .redirectError(workDir.resolve("stderr.log").toFile())
                .start();
        stdin = server.getOutputStream();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    stdout.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "stdio-it-reader");
        reader.setDaemon(true);
        reader.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server.isAlive()) {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void speaksMcpOverStdinAndStdout() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}");
        JsonNode init = next(60);
        assertEquals(1, init.get("id").asInt());
        assertEquals("2025-06-18", init.at("/result/protocolVersion").asText());
        assertEquals("toolgate", init.at("/result/serverInfo/name").asText());

        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        JsonNode list = nextResponse(10);
        assertEquals(2, list.get("id").asInt(), "a notification gets no answer, so the next response answers id 2");
        List<String> names = new ArrayList<>();
        list.at("/result/tools").forEach(t -> names.add(t.get("name").asText()));
        assertTrue(names.contains("search_products"), names.toString());

        send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"search_products\","
                + "\"arguments\":{\"query\":\"laptop\"}}}");
        JsonNode call = nextResponse(10);
        assertEquals(3, call.get("id").asInt());
        assertEquals("laptop", call.at("/result/structuredContent/query").asText());

        send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"lookup_customer\","
                + "\"arguments\":{\"customer_id\":-1}}}");
        JsonNode invalid = nextResponse(10);
        assertTrue(invalid.at("/result/isError").asBoolean());

        send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"test_tool_with_progress\","
                + "\"arguments\":{},\"_meta\":{\"progressToken\":7}}}");
        for (int expected : new int[] { 0, 50, 100 }) {
            JsonNode progress = nextProgress(10);
            assertEquals(expected, progress.at("/params/progress").asInt());
        }
        assertEquals(5, nextResponse(10).get("id").asInt());

        send("not json");
        assertEquals(-32700, nextResponse(10).at("/error/code").asInt());

        stdin.close();
        assertTrue(server.waitFor(20, TimeUnit.SECONDS), "end of input stops the server");
        assertEquals(0, server.exitValue());
        for (String line : allLines) {
            JSON.readTree(line); // stdout carries JSON-RPC and nothing else
        }
    }

    private void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** The next message that is not a notification (a tools/list_changed may come at any time). */
    private JsonNode nextResponse(int seconds) throws Exception {
        JsonNode message = next(seconds);
        while (message.has("method") && !message.has("id")) {
            message = next(seconds);
        }
        return message;
    }

    /** The next progress notification, past any list_changed the server may send at any time. */
    private JsonNode nextProgress(int seconds) throws Exception {
        JsonNode message = next(seconds);
        while (message.path("method").asText().endsWith("/list_changed")) {
            message = next(seconds);
        }
        assertEquals("notifications/progress", message.path("method").asText(), message.toString());
        return message;
    }

    private JsonNode next(int seconds) throws Exception {
        String line = stdout.poll(seconds, TimeUnit.SECONDS);
        assertNotNull(line, () -> "no answer within " + seconds + " s; stderr: " + stderrTail());
        allLines.add(line);
        return JSON.readTree(line);
    }

    private String stderrTail() {
        try {
            List<String> lines = Files.readAllLines(workDir.resolve("stderr.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable)";
        }
    }
}

package io.toolgate.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged jar started as a separate process on a free port, for the durability tests (workflows, the audit log):
 * it can be stopped normally or killed without shutdown hooks, as a crash would, and several can share a database.
 */
public final class ToolgateProcess {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private ToolgateProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the jar in {@code dir} with its workflow folder at {@code dir/workflows}, and waits until it lists
     * {@code workflow}.
     */
    public static ToolgateProcess start(Path dir, String name, String workflow, String... options) throws Exception {
        ToolgateProcess started = launch(dir, name, options);
        started.awaitListing("/workflows", workflow);
        return started;
    }

    /**
     * Starts the jar in {@code dir} (its database under {@code dir/data}) and waits until it serves its tool list.
     */
    public static ToolgateProcess launch(Path dir, String name, String... options) throws Exception {
        ToolgateProcess started = spawn(dir, name, options);
        try {
            started.awaitListing("/tools", "search_products");
        } catch (Exception | AssertionError e) {
            started.killIfAlive(); // a server that never came up must not outlive the test
            throw e;
        }
        return started;
    }

    private static ToolgateProcess spawn(Path dir, String name, String... options) throws Exception {
        Path jar = Paths.get(System.getProperty("toolgate.jar", "target/quarkus-app/quarkus-run.jar"));
        assertThat(jar).exists();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port,
                "-Dtoolgate.data-dir=" + dir.resolve("data"),
                "-Dtoolgate.workflows.folder=" + dir.resolve("workflows"),
                "-Dtoolgate.demo.benchmark-tools=true",
                "-Dtoolgate.declarative.folder=" + dir.resolve("tools")));
        command.addAll(List.of(options));
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        Path log = dir.resolve(name + ".log");
        return new ToolgateProcess(new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start(), port, log);
    }

    private void awaitListing(String path, String item) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains(item)) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            assertThat(process.isAlive()).as("the server exited; see " + log).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("the server did not start; see " + log);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    String startRun(String workflow, String input) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/workflows/" + workflow + "/runs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(input)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("run_id").asText();
    }

    JsonNode run(String id) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/workflows/runs/" + id)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    public HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode awaitState(String id, String state, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        JsonNode run = run(id);
        while (!state.equals(run.path("state").asText()) && System.nanoTime() < end) {
            Thread.sleep(200);
            run = run(id);
        }
        return run;
    }

    /** Waits until the step is running, then returns the run as seen at that moment. */
    JsonNode awaitStepRunning(String id, String stepName, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        JsonNode run = run(id);
        while (!"running".equals(step(run, stepName).path("status").asText()) && System.nanoTime() < end) {
            Thread.sleep(100);
            run = run(id);
        }
        return run;
    }

    /** As a crash: no shutdown hooks, nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** A normal stop, with shutdown hooks. */
    public void stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    public Path log() {
        return log;
    }

    public void killIfAlive() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    static JsonNode step(JsonNode run, String name) {
        for (JsonNode s : run.path("steps")) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no step " + name + " in " + run);
    }
}

package io.toolgate.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The real MCP servers of the gateway tests, from npm with the lockfile in {@code src/test/upstreams}: installed with
 * {@code npm ci} the first time a test needs them (bin/test runs on a machine with Node, as the MCP client checks
 * need it anyway), so {@code ./mvnw test} works from a fresh clone too.
 */
final class NpmUpstreams {

    static final Path FOLDER = Path.of("src/test/upstreams").toAbsolutePath();
    /** Node as the PATH finds it, by its real path (the executable allowlist wants the program itself). */
    static final Path NODE = node();
    /** Where npm's and the test upstreams' own output goes. */
    private static final Path LOG_FOLDER = logFolder();

    private NpmUpstreams() {
    }

    private static Path logFolder() {
        try {
            return Files.createDirectories(Path.of("target/upstream-logs").toAbsolutePath());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path node() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "node");
            if (Files.isExecutable(candidate)) {
                try {
                    return candidate.toRealPath();
                } catch (IOException e) {
                    // try the next one
                }
            }
        }
        throw new IllegalStateException("node is not on the PATH; the gateway tests run real MCP servers on Node");
    }

    static synchronized Path everything() {
        return script("server-everything");
    }

    static synchronized Path filesystem() {
        return script("server-filesystem");
    }

    /** A test upstream of this project (rug-pull.mjs), which needs the official TypeScript SDK installed. */
    static synchronized Path rugPull() {
        script("sdk");
        return FOLDER.resolve("rug-pull.mjs");
    }

    /**
     * A test upstream of this project (stateless.mjs) on the official TypeScript SDK v2, which speaks MCP 2026-07-28,
     * with oauth2-mock-server as its authorization server.
     */
    static synchronized Path stateless() {
        installed("@modelcontextprotocol/server");
        installed("oauth2-mock-server");
        return FOLDER.resolve("stateless.mjs");
    }

    /** A test upstream serving HTTP: its process, and the JSON line it printed when it was ready. */
    record Serving(Process process, com.fasterxml.jackson.databind.JsonNode ready) implements AutoCloseable {

        String url(String field) {
            return ready.path(field).asText();
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** Starts {@code node script args...} and waits for the line it prints when it listens. */
    static Serving serve(Path script, String... args) throws IOException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(NODE.toString(),
                script.toString()));
        command.addAll(java.util.List.of(args));
        // Its log goes to a file: the test JVM's own streams are Surefire's channel to it (see install()).
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(
                LOG_FOLDER.resolve(script.getFileName() + ".log").toFile())).start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " ended before it listened");
        }
        return new Serving(process, new com.fasterxml.jackson.databind.ObjectMapper().readTree(line));
    }

    private static void installed(String pkg) {
        if (!Files.isRegularFile(FOLDER.resolve("node_modules/" + pkg + "/package.json"))) {
            install();
        }
    }

    private static Path script(String name) {
        Path script = FOLDER.resolve("node_modules/@modelcontextprotocol/" + name
                + (name.equals("sdk") ? "/package.json" : "/dist/index.js"));
        if (!Files.isRegularFile(script)) {
            install();
        }
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("npm ci in " + FOLDER + " did not install " + script);
        }
        return script;
    }

    private static void install() {
        try {
            // Never the test JVM's own stdin and stdout: they are Surefire's channel to the forked JVM, and Node sets
            // an inherited stdin non-blocking, which broke that channel ("std/in stream corrupted") in a fresh clone.
            Path log = LOG_FOLDER.resolve("npm-ci.log");
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(FOLDER.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci in " + FOLDER + " failed; its output: "
                        + Files.readString(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("npm is needed to install the gateway tests' MCP servers: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

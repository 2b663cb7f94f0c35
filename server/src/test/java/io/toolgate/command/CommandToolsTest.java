package io.toolgate.command;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.toolgate.declarative.SourceStatus;
import io.toolgate.declarative.ToolFolder;
import io.toolgate.support.Corpora;
import io.toolgate.tool.ToolRegistry;
import jakarta.inject.Inject;

/**
 * Command tools through the whole pipeline ({@code POST /tools/<name>/invoke}, MCP {@code tools/call}): the
 * injection corpus arriving as literal argv entries, option smuggling, limits (time with the whole process tree,
 * CPU, memory, output), the child's environment, the executable allowlist, path confinement, working folders,
 * standard input, the bulkhead and the bwrap sandbox.
 */
@QuarkusTest
@TestProfile(CommandToolsProfile.class)
class CommandToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPTS = Path.of("src/test/resources/command").toAbsolutePath();
    private static final Path CANARY = Path.of("target/command-canary").toAbsolutePath();

    @Inject
    ToolFolder folder;
    @Inject
    ToolRegistry registry;
    @Inject
    CommandTools commands;
    @io.quarkus.test.common.http.TestHTTPResource("/mcp")
    java.net.URL mcp;

    private static boolean defined;

    @BeforeAll
    static void clean() throws IOException {
        Files.deleteIfExists(CANARY);
    }

    private void define(String file, String yaml) {
        try {
            Files.writeString(CommandToolsProfile.definitions().resolve(file), yaml.replace("{scripts}",
                    SCRIPTS.toString()).replace("{folder}", CommandToolsProfile.folder().toString()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A tool running sandbox-probe.sh from the given folder. */
    private static String probe(String name, Path scripts, String sandbox) {
        return """
                name: %s
                description: Reports whether the network and files outside the working folder are reachable.
                parameters:
                  properties:
                    port: {type: integer, description: "A TCP port on 127.0.0.1"}
                    outside: {type: string, description: "A file path outside the working folder"}
                    data: {type: string, description: "A file in Toolgate's data folder"}
                  required: [port, outside, data]
                command:
                  executable: /usr/bin/bash
                  args: ["%s/sandbox-probe.sh", "{port}", "{outside}", "{data}"]
                  sandbox: %s
                """.formatted(name, scripts, sandbox);
    }

    private static void copyProbeTo(Path folder) {
        try {
            Files.copy(SCRIPTS.resolve("sandbox-probe.sh"), folder.resolve("sandbox-probe.sh"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every tool of this test, written once and loaded by one reload. */
    private synchronized void tools() {
        if (defined) {
            return;
        }
        define("echo_arg.yaml", """
                name: echo_arg
                description: Prints its one argument followed by a NUL byte, to show exactly what arrived.
                parameters:
                  properties:
                    value: {type: string, description: "Any text at all, passed as one argument"}
                  required: [value]
                command:
                  executable: /usr/bin/printf
                  args: ["%s\\\\0", "{value}"]
                timeout: 5s
                """);
        define("echo_options.yaml", """
                name: echo_options
                description: Prints its argument like echo_arg, but the argument may look like an option.
                parameters:
                  properties:
                    value: {type: string, description: "Any text at all, passed as one argument"}
                    extra: {type: array, items: {type: string}, description: "More arguments, one entry each"}
                  required: [value]
                command:
                  executable: /usr/bin/printf
                  args: ["%s\\\\0", "{value}", "{extra...}"]
                  option_params: [value, extra]
                """);
        define("show_env.yaml", """
                name: show_env
                description: Prints the environment the program receives, one variable per line.
                command:
                  executable: /usr/bin/printenv
                  env: {TOOL_MODE: test}
                """);
        define("fork_and_sleep.yaml", """
                name: fork_and_sleep
                description: Starts children and grandchildren that all sleep, to be stopped by the timeout.
                parameters:
                  properties:
                    seconds: {type: integer, description: "How long every process sleeps, in seconds"}
                  required: [seconds]
                command:
                  executable: /usr/bin/dash
                  args: ["{scripts}/fork-and-sleep.sh", "{seconds}"]
                timeout: 3s
                """);
        define("fork_until_cancelled.yaml", """
                name: fork_until_cancelled
                description: Starts children and grandchildren that all sleep, to be stopped by a cancellation.
                parameters:
                  properties:
                    seconds: {type: integer, description: "How long every process sleeps, in seconds"}
                  required: [seconds]
                command:
                  executable: /usr/bin/dash
                  args: ["{scripts}/fork-and-sleep.sh", "{seconds}"]
                timeout: 60s
                """);
        define("leave_child.yaml", """
                name: leave_child
                description: Exits at once but leaves a double-forked child sleeping behind.
                parameters:
                  properties:
                    seconds: {type: integer, description: "How long the child sleeps, in seconds"}
                  required: [seconds]
                command:
                  executable: /usr/bin/dash
                  args: ["{scripts}/leave-child.sh", "{seconds}"]
                """);
        define("spin.yaml", """
                name: spin_cpu
                description: Burns CPU until its CPU time limit stops it.
                command:
                  executable: /usr/bin/dash
                  args: ["{scripts}/spin.sh"]
                  limits: {cpu: 1s}
                timeout: 30s
                """);
        define("hog_memory.yaml", """
                name: hog_memory
                description: Asks for far more memory than its limit allows.
                command:
                  executable: /usr/bin/sort
                  args: ["-S", "400M", "/dev/zero"]
                  limits: {memory_mb: 64}
                timeout: 20s
                """);
        define("count_lines.yaml", """
                name: count_lines
                description: Prints the numbers from one to a given count, one per line, to test the output cap.
                parameters:
                  properties:
                    count: {type: integer, description: "How many numbers to print"}
                  required: [count]
                command:
                  executable: /usr/bin/seq
                  args: ["1", "{count}"]
                  limits: {output_bytes: 1000}
                """);
        define("stderr_flood.yaml", """
                name: stderr_flood
                description: Writes thousands of lines to stderr and fails with exit code 3.
                command:
                  executable: /usr/bin/dash
                  args: ["{scripts}/stderr-flood.sh"]
                  limits: {output_bytes: 2000}
                """);
        define("count_bytes.yaml", """
                name: count_bytes
                description: Counts the bytes of one file under the files root.
                parameters:
                  properties:
                    file: {type: string, description: "A file relative to the files root"}
                  required: [file]
                command:
                  executable: /usr/bin/wc
                  args: ["-c", "{file}"]
                  path_params: [file]
                """);
        define("make_file.yaml", """
                name: make_file
                description: Creates an empty file in its working folder, which is removed after the call.
                command:
                  executable: /usr/bin/touch
                  args: ["out.txt"]
                """);
        define("make_kept_file.yaml", """
                name: make_kept_file
                description: Creates an empty file in its working folder, which is kept after the call.
                command:
                  executable: /usr/bin/touch
                  args: ["report.txt"]
                  keep_outputs: true
                """);
        define("read_stdin.yaml", """
                name: read_stdin
                description: Prints what it reads on its standard input.
                parameters:
                  properties:
                    text: {type: string, description: "The text fed to standard input"}
                command:
                  executable: /usr/bin/cat
                  stdin: "{text}"
                """);
        define("slow_single.yaml", """
                name: slow_single
                description: Sleeps a while; at most one call at a time.
                parameters:
                  properties:
                    seconds: {type: number, description: "How long to sleep, in seconds"}
                  required: [seconds]
                command:
                  executable: /usr/bin/dash
                  args: ["{scripts}/sleep.sh", "{seconds}"]
                max_concurrency: 1
                """);
        define("probe_plain.yaml", probe("probe_plain", SCRIPTS, "none"));
        if (commands.bwrapUsable()) {
            define("probe_sandboxed.yaml", probe("probe_sandboxed", SCRIPTS, "bwrap"));
            // The tool's own script in a folder under /tmp, which the sandbox empties: shown again, read-only.
            copyProbeTo(CommandToolsProfile.folder());
            define("probe_from_tmp.yaml", probe("probe_from_tmp", CommandToolsProfile.folder(), "bwrap"));
            // In Toolgate's data folder, which the sandbox hides on purpose: refused when the file is loaded.
            copyProbeTo(CommandToolsProfile.dataDir());
            define("bad_script_in_data.yaml", probe("bad_script_in_data", CommandToolsProfile.dataDir(), "bwrap"));
            define("fork_sandboxed.yaml", """
                    name: fork_sandboxed
                    description: Starts children and grandchildren that all sleep, inside the bwrap sandbox.
                    parameters:
                      properties:
                        seconds: {type: integer, description: "How long every process sleeps, in seconds"}
                      required: [seconds]
                    command:
                      executable: /usr/bin/dash
                      args: ["{scripts}/fork-and-sleep.sh", "{seconds}"]
                      sandbox: bwrap
                    timeout: 3s
                    """);
        }
        // Refused definitions.
        define("bad_not_listed.yaml", tool("bad_not_listed", "/usr/bin/id"));
        define("bad_relative.yaml", tool("bad_relative", "printf"));
        define("bad_unlisted_link.yaml", tool("bad_unlisted_link", "{folder}/unlisted-link-to-printf"));
        define("bad_listed_link.yaml", tool("bad_listed_link", "{folder}/listed-link-to-id"));
        define("bad_dotdot.yaml", tool("bad_dotdot", "/usr/bin/../bin/printf"));
        define("bad_launcher.yaml", tool("bad_launcher", "/usr/bin/env"));
        define("bad_shell_c.yaml", """
                name: bad_shell_c
                description: Would let a model write shell code, which a command tool must never allow.
                parameters:
                  properties:
                    code: {type: string, description: "Shell code"}
                command:
                  executable: /usr/bin/dash
                  args: ["-c", "{code}"]
                """);
        folder.reload();
        defined = true;
    }

    private static String tool(String name, String executable) {
        return "name: " + name + "\ndescription: A tool whose executable must be refused by the allowlist.\n"
                + "command:\n  executable: " + executable + "\n  args: [\"x\"]\n";
    }

    private static Response invoke(String tool, Object arguments) {
        return given().contentType("application/json").body(arguments).post("/tools/" + tool + "/invoke");
    }

    private static JsonNode json(Response r) {
        try {
            return JSON.readTree(r.asString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Arguments> injectionCorpus() {
        return Corpora.cases("/security/command-injection-corpus.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injectionCorpus")
    void injectionCorpusArrivesAsOneLiteralArgument(String name, JsonNode c) throws IOException {
        tools();
        String value = c.get("value").asText().replace("{canary}", CANARY.toString());
        Response r = invoke("echo_arg", JSON.createObjectNode().put("value", value));
        JsonNode body = json(r);
        if (c.has("rejected")) {
            assertThat(r.statusCode()).as(body.toString()).isEqualTo(422);
            assertThat(body.at("/error/code").asText()).isEqualTo("VALIDATION_ERROR");
            assertThat(body.at("/error/details/0/field").asText()).isEqualTo("value");
            assertThat(body.at("/error/details/0/rule").asText()).isEqualTo(c.get("rejected").asText());
        } else {
            assertThat(r.statusCode()).as(body.toString()).isEqualTo(200);
            // printf repeats its format for each further argument: one value followed by one NUL means one entry.
            assertThat(body.at("/result/stdout").asText()).isEqualTo(value + "\0");
            assertThat(body.at("/result/exit_code").asInt()).isZero();
        }
        assertThat(CANARY).as("nothing in the value was executed").doesNotExist();
    }

    @Test
    void optionLikeValuesPassWhereTheToolAllowsOptionsAndEachArrayElementIsOneEntry() {
        tools();
        JsonNode body = json(invoke("echo_options", "{\"value\":\"--help\",\"extra\":[\"a b\",\"-x;y\",\"$(id)\"]}"));
        assertThat(body.at("/result/stdout").asText()).isEqualTo("--help\0a b\0-x;y\0$(id)\0");
    }

    @Test
    void veryLongArgumentsAreRefusedWithTheLimit() {
        tools();
        String fits = "A".repeat(8000);
        assertThat(json(invoke("echo_arg", JSON.createObjectNode().put("value", fits))).at("/result/stdout")
                .asText()).isEqualTo(fits + "\0");
        Response r = invoke("echo_arg", JSON.createObjectNode().put("value", "A".repeat(9000)));
        JsonNode body = json(r);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(body.at("/error/details/0/rule").asText()).isEqualTo("maxLength");
        assertThat(body.at("/error/details/0/message").asText()).contains("8192 bytes per argument");
    }

    @Test
    void theChildSeesOnlyTheAllowlistedEnvironment() {
        tools();
        JsonNode body = json(invoke("show_env", "{}"));
        Set<String> lines = new HashSet<>(body.at("/result/stdout").asText().lines().toList());
        assertThat(lines).containsExactlyInAnyOrder("PATH=/usr/bin:/bin", "LANG=C.UTF-8", "TOOL_MODE=test");
        assertThat(System.getenv("TOOLGATE_TEST_SECRET")).as("surefire sets a secret for the test JVM").isNotBlank();
        assertThat(body.toString()).doesNotContain(System.getenv("TOOLGATE_TEST_SECRET"));
    }

    @Test
    void timeoutKillsTheWholeProcessTree() throws Exception {
        tools();
        int seconds = ThreadLocalRandom.current().nextInt(4000, 9000);
        CompletableFuture<Response> call = CompletableFuture.supplyAsync(
                () -> invoke("fork_and_sleep", "{\"seconds\":" + seconds + "}"));
        // The script's three sleepers (grandchild, child's child, itself) exist before the timeout...
        long until = System.currentTimeMillis() + 2800;
        int seen = 0;
        while (System.currentTimeMillis() < until && seen < 3) {
            seen = sleepers(seconds).size();
            Thread.sleep(20);
        }
        assertThat(seen).as("sleeping processes seen while the call ran").isGreaterThanOrEqualTo(3);
        Response r = call.get();
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(504);
        assertThat(json(r).at("/error/code").asText()).isEqualTo("TIMEOUT");
        // ...and none of them after it.
        assertThat(sleepersAfter(seconds)).as("processes left behind").isEmpty();
    }

    @Test
    void anMcpCancellationKillsTheWholeProcessTree() throws Exception {
        tools();
        int seconds = ThreadLocalRandom.current().nextInt(4000, 9000);
        String accept = "application/json, text/event-stream";
        String session = given().contentType("application/json").header("Accept", accept)
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}")
                .post("/mcp").then().statusCode(200).extract().header("Mcp-Session-Id");
        CompletableFuture<java.net.http.HttpResponse<String>> pending = java.net.http.HttpClient.newHttpClient()
                .sendAsync(java.net.http.HttpRequest.newBuilder(mcp.toURI()).header("Content-Type", "application/json")
                        .header("Accept", accept).header("Mcp-Session-Id", session)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":91,"
                                + "\"method\":\"tools/call\",\"params\":{\"name\":\"fork_until_cancelled\","
                                + "\"arguments\":{\"seconds\":" + seconds + "}}}"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        long until = System.currentTimeMillis() + 10_000;
        int seen = 0;
        while (System.currentTimeMillis() < until && seen < 3) {
            seen = sleepers(seconds).size();
            Thread.sleep(20);
        }
        assertThat(seen).isGreaterThanOrEqualTo(3);
        given().contentType("application/json").header("Accept", accept).header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":"
                        + "{\"requestId\":91,\"reason\":\"user gave up\"}}")
                .post("/mcp").then().statusCode(202);
        // Long before the tool's 60 s timeout.
        assertThat(sleepersAfter(seconds)).as("processes left behind").isEmpty();
        pending.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void aChangedFileReplacesTheToolAndADeletedOneRemovesIt() throws IOException {
        tools();
        String file = """
                name: print_word
                description: Prints a fixed word, to show that a changed file replaces its tool.
                command:
                  executable: /usr/bin/printf
                  args: ["%s", "WORD"]
                """;
        define("print_word.yaml", file.replace("WORD", "first"));
        assertThat(folder.reload()).isTrue();
        assertThat(json(invoke("print_word", "{}")).at("/result/stdout").asText()).isEqualTo("first");
        define("print_word.yaml", file.replace("WORD", "second"));
        assertThat(folder.reload()).isTrue();
        assertThat(json(invoke("print_word", "{}")).at("/result/stdout").asText()).isEqualTo("second");
        Files.delete(CommandToolsProfile.definitions().resolve("print_word.yaml"));
        assertThat(folder.reload()).isTrue();
        assertThat(invoke("print_word", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void childrenLeftBehindByAProgramThatExitedAreKilledToo() throws Exception {
        tools();
        int seconds = ThreadLocalRandom.current().nextInt(4000, 9000);
        Response r = invoke("leave_child", "{\"seconds\":" + seconds + "}");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(sleepersAfter(seconds)).isEmpty();
    }

    @Test
    void theSandboxedProcessTreeIsKilledWithItsNamespace() throws Exception {
        assumeTrue(commands.bwrapUsable(), "bubblewrap is not installed or cannot create a sandbox here");
        tools();
        int seconds = ThreadLocalRandom.current().nextInt(4000, 9000);
        CompletableFuture<Response> call = CompletableFuture.supplyAsync(
                () -> invoke("fork_sandboxed", "{\"seconds\":" + seconds + "}"));
        long until = System.currentTimeMillis() + 2800;
        int seen = 0;
        while (System.currentTimeMillis() < until && seen < 3) {
            seen = sleepers(seconds).size();
            Thread.sleep(20);
        }
        assertThat(seen).isGreaterThanOrEqualTo(3);
        assertThat(call.get().statusCode()).isEqualTo(504);
        assertThat(sleepersAfter(seconds)).isEmpty();
    }

    /** Polls a little: the kernel needs a moment to reap killed processes. */
    private static List<Long> sleepersAfter(int seconds) throws InterruptedException {
        List<Long> left = sleepers(seconds);
        for (int i = 0; i < 100 && !left.isEmpty(); i++) {
            Thread.sleep(50);
            left = sleepers(seconds);
        }
        return left;
    }

    /** Live processes whose command line is "sleep N" (or holds it, for the sh -c child). */
    private static List<Long> sleepers(int seconds) {
        List<Long> out = new ArrayList<>();
        String marker = "sleep " + seconds;
        ProcessHandle.allProcesses().forEach(p -> {
            try {
                String cmdline = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline"), StandardCharsets.ISO_8859_1)
                        .replace('\0', ' ');
                String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
                boolean zombie = stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
                if (!zombie && cmdline.contains(marker)) {
                    out.add(p.pid());
                }
            } catch (IOException | RuntimeException gone) {
                // exited meanwhile
            }
        });
        return out;
    }

    @Test
    void theCpuLimitStopsAProgramAndSaysSo() {
        tools();
        Response r = invoke("spin_cpu", "{}");
        JsonNode body = json(r);
        assertThat(r.statusCode()).as(body.toString()).isEqualTo(422);
        assertThat(body.at("/error/code").asText()).isEqualTo("TOOL_REFUSED");
        assertThat(body.at("/error/message").asText()).contains("CPU time limit of 1 s");
    }

    @Test
    void theMemoryLimitMakesAllocationsFailAndIsNamed() {
        tools();
        JsonNode body = json(invoke("hog_memory", "{}"));
        assertThat(body.at("/error/code").asText()).isEqualTo("TOOL_REFUSED");
        assertThat(body.at("/error/message").asText()).contains("memory exhausted").contains("memory limit is 64 MiB");
    }

    @Test
    void outputIsCappedAndMarkedTruncated() {
        tools();
        JsonNode body = json(invoke("count_lines", "{\"count\":100000}"));
        assertThat(body.at("/result/exit_code").asInt()).isZero();
        assertThat(body.at("/result/stdout").asText()).hasSize(1000).startsWith("1\n2\n3\n");
        assertThat(body.at("/result/stdout_truncated").asBoolean()).isTrue();
        assertThat(body.at("/result/stderr_truncated").asBoolean()).isFalse();
        JsonNode small = json(invoke("count_lines", "{\"count\":3}"));
        assertThat(small.at("/result/stdout").asText()).isEqualTo("1\n2\n3\n");
        assertThat(small.at("/result/stdout_truncated").asBoolean()).isFalse();
    }

    @Test
    void aNonZeroExitIsARefusalQuotingTheFirstLinesOfStderr() {
        tools();
        Response r = invoke("stderr_flood", "{}");
        JsonNode body = json(r);
        assertThat(r.statusCode()).isEqualTo(422);
        String message = body.at("/error/message").asText();
        assertThat(message).contains("exited with code 3").contains("error line 0").contains("error line 4")
                .doesNotContain("error line 5\n").endsWith("...");
    }

    @Test
    void nonAllowlistedExecutablesAreNeverRegistered() {
        tools();
        assertThat(problem("bad_not_listed.yaml")).contains("bad_not_listed")
                .contains("/usr/bin/id is not on toolgate.commands.allowed-executables");
        assertThat(problem("bad_relative.yaml")).contains("must be an absolute path");
        assertThat(problem("bad_unlisted_link.yaml")).contains("is not on toolgate.commands.allowed-executables");
        assertThat(problem("bad_listed_link.yaml")).contains("is a link to /usr/bin/id");
        assertThat(problem("bad_dotdot.yaml")).contains("is not on toolgate.commands.allowed-executables");
        assertThat(problem("bad_launcher.yaml")).contains("runs other programs");
        assertThat(problem("bad_shell_c.yaml")).contains("must start with a fixed script file");
        for (String name : List.of("bad_not_listed", "bad_relative", "bad_unlisted_link", "bad_listed_link",
                "bad_dotdot", "bad_launcher", "bad_shell_c")) {
            assertThat(registry.find(name)).as(name).isEmpty();
        }
        given().get("/tool-sources").then().statusCode(200)
                .body(containsString("is a link to /usr/bin/id"));
    }

    private String problem(String file) {
        return folder.statuses().stream().filter(s -> s.source().equals(file)).map(SourceStatus::problem)
                .findFirst().orElse("(no status)");
    }

    @Test
    void pathParametersAreConfinedLikeReadFile() throws IOException {
        tools();
        Path root = Path.of("target/test-files");
        Files.createDirectories(root);
        Files.writeString(root.resolve("twelve.txt"), "twelve bytes");
        Path link = root.resolve("passwd-link");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("/etc/passwd"));
        JsonNode ok = json(invoke("count_bytes", "{\"file\":\"twelve.txt\"}"));
        // The files root's absolute path is shown relative: the server's layout is not the model's business.
        assertThat(ok.at("/result/stdout").asText()).isEqualTo("12 twelve.txt\n");
        for (String bad : List.of("../../etc/passwd", "/etc/passwd", "passwd-link", "~/x", "a\\b")) {
            Response r = invoke("count_bytes", JSON.createObjectNode().put("file", bad));
            JsonNode body = json(r);
            assertThat(r.statusCode()).as(bad + ": " + body).isEqualTo(422);
            assertThat(body.at("/error/details/0/rule").asText()).as(bad).isEqualTo("path");
        }
        assertThat(json(invoke("count_bytes", "{\"file\":\"passwd-link\"}")).at("/error/details/0/message").asText())
                .contains("leads outside the files root");
    }

    @Test
    void theWorkingFolderIsRemovedUnlessTheToolKeepsIt() throws IOException {
        tools();
        Path workRoot = commands.runner().workRoot();
        assertThat(json(invoke("make_file", "{}")).at("/result/exit_code").asInt()).isZero();
        try (Stream<Path> left = Files.list(workRoot)) {
            assertThat(left.filter(p -> Files.exists(p.resolve("out.txt"))).toList()).isEmpty();
        }
        JsonNode kept = json(invoke("make_kept_file", "{}"));
        String dir = kept.at("/result/work_dir").asText();
        assertThat(dir).startsWith("call-");
        assertThat(kept.at("/result/files/0").asText()).isEqualTo("report.txt");
        assertThat(workRoot.resolve(dir).resolve("report.txt")).exists();
    }

    @Test
    void standardInputComesOnlyFromTheDeclaredParameter() {
        tools();
        assertThat(json(invoke("read_stdin", "{\"text\":\"line one\\n$(id)\\n\"}")).at("/result/stdout").asText())
                .isEqualTo("line one\n$(id)\n");
        // Without the argument, standard input is /dev/null: cat ends at once instead of waiting.
        assertThat(json(invoke("read_stdin", "{}")).at("/result/stdout").asText()).isEmpty();
    }

    @Test
    void thePerToolConcurrencyLimitAnswersBusy() throws Exception {
        tools();
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> invoke("slow_single",
                "{\"seconds\":3}"));
        Thread.sleep(600);
        Response second = invoke("slow_single", "{\"seconds\":0}");
        assertThat(second.statusCode()).as(second.asString()).isEqualTo(503);
        assertThat(json(second).at("/error/code").asText()).isEqualTo("BUSY");
        assertThat(first.get().statusCode()).isEqualTo(200);
    }

    @Test
    void overMcpToo() {
        tools();
        String body = given().contentType("application/json").header("Accept", "application/json, text/event-stream")
                .body("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo_arg\","
                        + "\"arguments\":{\"value\":\"; touch " + CANARY + "\"}}}")
                .post("/mcp").then().statusCode(200).extract().asString();
        assertThat(body).doesNotContain("\"isError\":true").contains("; touch " + CANARY + "\\\\u0000");
        assertThat(CANARY).doesNotExist();
        given().contentType("application/json").header("Accept", "application/json, text/event-stream")
                .body("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"echo_arg\","
                        + "\"arguments\":{\"value\":\"--help\"}}}")
                .post("/mcp").then().statusCode(200).body(containsString("\"isError\":true"));
    }

    private static String dataFile() {
        return CommandToolsProfile.dataDir().resolve("toolgate-secret.txt").toString();
    }

    @Test
    void withoutTheSandboxTheProgramReachesTheNetworkAndWritesOutside() throws IOException {
        tools();
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Path outside = Path.of("target/command-outside-plain.txt").toAbsolutePath();
            Files.deleteIfExists(outside);
            JsonNode body = json(invoke("probe_plain", JSON.createObjectNode().put("port", server.getLocalPort())
                    .put("outside", outside.toString()).put("data", dataFile())));
            assertThat(body.at("/result/stdout").asText()).contains("network: reachable", "outside: written",
                    "inside: written", "data: readable");
        }
    }

    @Test
    void theBwrapSandboxHasNoNetworkAndAReadOnlyFileSystem() throws IOException {
        assumeTrue(commands.bwrapUsable(), "bubblewrap is not installed or cannot create a sandbox here");
        tools();
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            // Not under the checkout: the checkout may lie under /tmp, which the sandbox replaces with an empty
            // writable tmpfs (a write there succeeds and vanishes with the call, which says nothing of the rest).
            Path outside = Path.of("/var/tmp/toolgate-outside-sandboxed-" + ProcessHandle.current().pid() + ".txt");
            Files.deleteIfExists(outside);
            JsonNode body = json(invoke("probe_sandboxed", JSON.createObjectNode().put("port", server.getLocalPort())
                    .put("outside", outside.toString()).put("data", dataFile())));
            assertThat(body.at("/result/stdout").asText()).as(body.toString()).contains("network: refused",
                    "outside: refused", "inside: written", "data: hidden");
            assertThat(outside).doesNotExist();
        }
    }

    @Test
    void aSandboxedToolsOwnScriptUnderTmpIsShownAndOneInTheDataFolderIsRefused() throws IOException {
        assumeTrue(commands.bwrapUsable(), "bubblewrap is not installed or cannot create a sandbox here");
        tools();
        assertThat(CommandToolsProfile.folder().toRealPath()).startsWith(Path.of("/tmp"));
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            JsonNode body = json(invoke("probe_from_tmp", JSON.createObjectNode().put("port", server.getLocalPort())
                    .put("outside", CommandToolsProfile.folder().resolve("sandbox-probe.sh").toString())
                    .put("data", dataFile())));
            // The script ran; the folder it lies in is read-only; the rest of /tmp and the data stay out of reach.
            assertThat(body.at("/result/stdout").asText()).as(body.toString()).contains("network: refused",
                    "outside: refused", "inside: written", "data: hidden");
        }
        assertThat(problem("bad_script_in_data.yaml")).contains(CommandToolsProfile.dataDir().toRealPath()
                + ", Toolgate's data folder, which the bwrap sandbox hides");
        assertThat(registry.find("bad_script_in_data")).isEmpty();
    }

    @Test
    void theDemoToolRunsAllowlistedProgramsOnTheDocuments() {
        tools();
        invoke("execute_command", "{\"command\":\"wc\",\"args\":[\"-l\",\"returns-policy.txt\"]}").then()
                .statusCode(200).body("result.stdout", containsString("returns-policy.txt"));
        invoke("execute_command", "{\"command\":\"grep\",\"args\":[\"-i\",\"laptops\",\"returns-policy.txt\"]}")
                .then().statusCode(200).body("result.stdout", containsString("Laptops and phones"));
        invoke("execute_command", "{\"command\":\"grep\",\"args\":[\"-r\",\"root\",\"/etc\"]}").then()
                .statusCode(422).body("error.details[0].rule", equalTo("path"));
        invoke("execute_command", "{\"command\":\"head\",\"args\":[\"../../../etc/passwd\"]}").then()
                .statusCode(422).body("error.details[0].rule", equalTo("path"));
        invoke("execute_command", "{\"command\":\"sort\",\"args\":[\"--compress-program=sh\",\"x\"]}").then()
                .statusCode(422).body("error.details[0].rule", equalTo("option"));
        invoke("execute_command", "{\"command\":\"sort\",\"args\":[\"-o\",\"returns-policy.txt\"]}").then()
                .statusCode(422).body("error.details[0].rule", equalTo("option"));
        invoke("execute_command", "{\"command\":\"rm\",\"args\":[\"-rf\",\".\"]}").then().statusCode(422);
        invoke("execute_command", "{\"command\":\"date\",\"args\":[\"-u\",\"-d\",\"@0\",\"+%Y\"]}").then()
                .statusCode(200).body("result.stdout", equalTo("1970\n"));
    }
}

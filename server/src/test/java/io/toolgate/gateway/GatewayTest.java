package io.toolgate.gateway;

import static io.restassured.RestAssured.given;
import static io.toolgate.gateway.GatewayChecks.json;
import static io.toolgate.gateway.GatewayChecks.source;
import static io.toolgate.gateway.GatewayChecks.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.toolgate.declarative.ToolFolder;
import io.toolgate.tool.ToolRegistry;
import jakarta.inject.Inject;

/**
 * Upstream MCP servers nobody here wrote ({@code @modelcontextprotocol/server-everything} over stdio and over
 * Streamable HTTP, {@code server-filesystem} over stdio, from npm with a lockfile) behind Toolgate's pipeline: their
 * tools under a prefix on the REST and MCP doors, the published schemas enforced before forwarding, results passed
 * through unchanged, the upstream's own environment, timeouts passed on as cancellations, the file server's
 * confinement surfacing as a caller error, and a killed upstream reconnecting while nothing else is affected.
 */
@QuarkusTest
@TestProfile(GatewayProfile.class)
class GatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Process httpUpstream;
    private static int httpPort;

    @Inject
    ToolFolder folder;
    @Inject
    ToolRegistry registry;

    private static boolean defined;
    private static AssertionError setupFailed;

    @BeforeEach
    synchronized void upstreams() throws IOException {
        if (setupFailed != null) {
            throw setupFailed; // once is enough to wait for upstreams that do not come
        }
        if (defined) {
            return;
        }
        Path tools = GatewayProfile.folder().resolve("tools");
        Path files = GatewayProfile.folder().resolve("files");
        Files.writeString(files.resolve("hello.txt"), "hello from the confined folder\n");
        Files.writeString(tools.resolve("everything.yaml"), """
                mcp:
                  name: everything
                  stdio:
                    executable: %s
                    args: ["%s", "stdio"]
                    env: {UPSTREAM_MARK: "fixed"}
                    secrets: {GIVEN_SECRET: TOOLGATE_TEST_SECRET}
                timeout: 3s
                """.formatted(NpmUpstreams.NODE, NpmUpstreams.everything()));
        Files.writeString(tools.resolve("files.yaml"), """
                mcp:
                  name: files
                  prefix: fs_
                  stdio:
                    executable: %s
                    args: ["%s", "%s"]
                """.formatted(NpmUpstreams.NODE, NpmUpstreams.filesystem(), files.toRealPath()));
        httpPort = freePort();
        ProcessBuilder http = new ProcessBuilder(NpmUpstreams.NODE.toString(), NpmUpstreams.everything().toString(),
                "streamableHttp").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        http.environment().put("PORT", String.valueOf(httpPort));
        httpUpstream = http.start();
        waitFor(Duration.ofSeconds(30), () -> {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", httpPort)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }, "the HTTP upstream to listen");
        Files.writeString(tools.resolve("remote.yaml"), """
                mcp:
                  name: remote
                  http:
                    url: http://127.0.0.1:%d/mcp
                    allow_private_network: true
                """.formatted(httpPort));
        // The same server, but without allow_private_network: SafeHttpClient's SSRF rules refuse loopback.
        Files.writeString(tools.resolve("refused.yaml"), """
                mcp:
                  name: refused
                  http:
                    url: http://127.0.0.1:%d/mcp
                """.formatted(httpPort));
        Files.writeString(tools.resolve("not-allowed.yaml"), """
                mcp:
                  name: not-allowed
                  stdio:
                    executable: /usr/bin/python3
                    args: ["-c", "print(1)"]
                """);
        folder.reload();
        try {
            waitFor(Duration.ofSeconds(60), () -> registry.find("everything_echo").isPresent()
                    && registry.find("fs_read_text_file").isPresent() && registry.find("remote_echo").isPresent(),
                    "the upstreams' tools");
        } catch (AssertionError e) {
            setupFailed = e;
            throw e;
        }
        defined = true;
    }

    @AfterAll
    static void stopHttpUpstream() {
        if (httpUpstream != null) {
            httpUpstream.destroyForcibly();
        }
    }

    @Test
    void upstreamToolsJoinTheRegistryUnderTheirPrefix() {
        assertThat(registry.find("everything_get-sum")).isPresent();
        assertThat(registry.find("fs_list_directory")).isPresent();
        // Hints come from the upstream's annotations.
        assertThat(registry.find("fs_read_text_file").orElseThrow().definition().hints().readOnly()).isTrue();
        assertThat(registry.find("fs_write_file").orElseThrow().definition().hints().readOnly()).isFalse();
        JsonNode sources = json(given().get("/tool-sources").then().statusCode(200).extract().asString());
        JsonNode everything = source(sources, "everything.yaml");
        assertThat(everything.path("problem").isNull()).isTrue();
        assertThat(everything.path("tools").toString()).contains("everything_echo");
        assertThat(source(sources, "refused.yaml").path("problem").asText()).contains("unreachable");
        assertThat(source(sources, "not-allowed.yaml").path("problem").asText())
                .contains("toolgate.commands.allowed-executables");
        // Readiness names each upstream's state, and stays UP while one is away.
        io.toolgate.support.Readiness.await();
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'toolgate-upstreams' }.data.everything", equalTo("connected"))
                .body("checks.find { it.name == 'toolgate-upstreams' }.data.refused", containsString("unreachable"));
    }

    @Test
    void aRestCallIsForwardedOverTheSharedSession() {
        for (int i = 0; i < 3; i++) {
            given().contentType("application/json").body("{\"message\":\"hi " + i + "\"}")
                    .post("/tools/everything_echo/invoke").then().statusCode(200)
                    .body("result.content[0].text", equalTo("Echo: hi " + i));
        }
        given().contentType("application/json").body("{\"a\":2,\"b\":40}").post("/tools/everything_get-sum/invoke")
                .then().statusCode(200).body("result.content[0].text", containsString("42"));
    }

    @Test
    void argumentsAreCheckedAgainstThePublishedSchemaBeforeForwarding() {
        given().contentType("application/json").body("{\"message\":5}").post("/tools/everything_echo/invoke")
                .then().statusCode(422).body("error.code", equalTo("VALIDATION_ERROR"))
                .body("error.details[0].field", equalTo("message"));
        given().contentType("application/json").body("{}").post("/tools/everything_echo/invoke")
                .then().statusCode(422).body("error.code", equalTo("VALIDATION_ERROR"));
    }

    @Test
    void mcpPassesResultsOnUnchanged() {
        JsonNode image = mcpCall("everything_get-tiny-image", "{}");
        Set<String> types = new TreeSet<>();
        image.path("content").forEach(b -> types.add(b.path("type").asText()));
        assertThat(types).contains("image", "text");
        JsonNode block = find(image.path("content"), "image");
        assertThat(block.path("mimeType").asText()).isEqualTo("image/png");
        assertThat(block.path("data").asText()).isNotEmpty();
        JsonNode structured = mcpCall("everything_get-structured-content", "{\"location\":\"Chicago\"}");
        assertThat(structured.path("structuredContent").isObject()).isTrue();
        assertThat(structured.path("isError").asBoolean(false)).isFalse();
        JsonNode remote = mcpCall("remote_echo", "{\"message\":\"over HTTP\"}");
        assertThat(remote.path("content").get(0).path("text").asText()).isEqualTo("Echo: over HTTP");
    }

    @Test
    void theUpstreamSeesOnlyTheEnvironmentItsFileGivesIt() throws IOException {
        JsonNode result = mcpCall("everything_get-env", "{}");
        JsonNode env = JSON.readTree(result.path("content").get(0).path("text").asText());
        Set<String> names = new TreeSet<>();
        env.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("PATH", "UPSTREAM_MARK", "GIVEN_SECRET")
                .doesNotContain("HOME", "JAVA_HOME", "TOOLGATE_TEST_SECRET", "USER");
        assertThat(env.path("GIVEN_SECRET").asText()).isEqualTo(System.getenv("TOOLGATE_TEST_SECRET"));
    }

    @Test
    void theTimeoutStopsALongUpstreamCall() {
        long start = System.nanoTime();
        given().contentType("application/json").body("{\"duration\":20,\"steps\":4}")
                .post("/tools/everything_trigger-long-running-operation/invoke").then().statusCode(504)
                .body("error.code", equalTo("TIMEOUT"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        // The session is still good for the next call.
        given().contentType("application/json").body("{\"message\":\"after\"}").post("/tools/everything_echo/invoke")
                .then().statusCode(200).body("result.content[0].text", equalTo("Echo: after"));
    }

    @Test
    void theFileServersConfinementIsTheCallersError() {
        Path hello = GatewayProfile.folder().resolve("files/hello.txt");
        given().contentType("application/json").body("{\"path\":\"" + realPath(hello) + "\"}")
                .post("/tools/fs_read_text_file/invoke").then().statusCode(200)
                .body("result.content[0].text", containsString("hello from the confined folder"));
        given().contentType("application/json").body("{\"path\":\"/etc/hostname\"}")
                .post("/tools/fs_read_text_file/invoke").then().statusCode(422)
                .body("error.code", equalTo("TOOL_REFUSED")).body("error.message", containsString("Access denied"));
        JsonNode refused = mcpCall("fs_read_text_file", "{\"path\":\"/etc/hostname\"}");
        assertThat(refused.path("isError").asBoolean()).isTrue();
        assertThat(refused.path("content").get(0).path("text").asText()).contains("Access denied");
    }

    @Test
    void aKilledUpstreamIsStartedAgainAndAnIdempotentCallInFlightIsRetried() throws Exception {
        // trigger-long-running-operation is marked idempotent by its server: the pipeline's retry takes it over.
        java.util.concurrent.CompletableFuture<Response> inFlight = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> given().contentType("application/json").body("{\"duration\":2,\"steps\":2}")
                        .post("/tools/everything_trigger-long-running-operation/invoke"));
        Thread.sleep(700);
        assertThat(kill("server-everything/dist/index.js stdio")).isEqualTo(1);
        Response answered = inFlight.get(15, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answered.statusCode()).as(answered.asString()).isEqualTo(200);
        given().contentType("application/json").body("{\"message\":\"back\"}").post("/tools/everything_echo/invoke")
                .then().statusCode(200).body("result.content[0].text", equalTo("Echo: back"));
    }

    @Test
    void anUpstreamThatCannotComeBackAnswersAClearErrorAndNothingElseIsAffected() throws Exception {
        // Its own way to the server's script, so the test can take it away; node follows the link to the package.
        Path link = GatewayProfile.folder().resolve("fragile-index.js");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, NpmUpstreams.everything());
        Files.writeString(GatewayProfile.folder().resolve("tools/fragile.yaml"), """
                mcp:
                  name: fragile
                  stdio:
                    executable: %s
                    args: ["%s", "stdio"]
                """.formatted(NpmUpstreams.NODE, link));
        folder.reload();
        waitFor(Duration.ofSeconds(30), () -> registry.find("fragile_echo").isPresent(), "fragile's tools");
        given().contentType("application/json").body("{\"message\":\"one\"}").post("/tools/fragile_echo/invoke")
                .then().statusCode(200);
        Files.delete(link);
        assertThat(kill("fragile-index.js stdio")).isEqualTo(1);
        Response failed = given().contentType("application/json").body("{\"message\":\"two\"}")
                .post("/tools/fragile_echo/invoke");
        assertThat(failed.statusCode()).as(failed.asString()).isEqualTo(502);
        assertThat(failed.jsonPath().getString("error.code")).isEqualTo("UPSTREAM_ERROR");
        assertThat(failed.jsonPath().getString("error.message")).contains("fragile");
        // While it is away: the other upstreams and Toolgate's own tools go on, and its calls fail fast.
        long start = System.nanoTime();
        given().contentType("application/json").body("{\"message\":\"three\"}").post("/tools/fragile_echo/invoke")
                .then().statusCode(502).body("error.message", containsString("fragile"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        given().contentType("application/json").body("{\"message\":\"still here\"}").post("/tools/everything_echo/invoke")
                .then().statusCode(200);
        given().contentType("application/json").body("{\"query\":\"laptop\"}").post("/tools/search_products/invoke")
                .then().statusCode(200);
        waitFor(Duration.ofSeconds(10), () -> source(json(given().get("/tool-sources").then().extract().asString()),
                "fragile.yaml").path("problem").asText().contains("Cannot find module"), "the reason in /tool-sources");
        // Back: within the backoff, the upstream is connected again without a call asking for it.
        Files.createSymbolicLink(link, NpmUpstreams.everything());
        waitFor(Duration.ofSeconds(30), () -> source(json(given().get("/tool-sources").then().extract().asString()),
                "fragile.yaml").path("problem").isNull(), "fragile to be reconnected");
        given().contentType("application/json").body("{\"message\":\"four\"}").post("/tools/fragile_echo/invoke")
                .then().statusCode(200).body("result.content[0].text", equalTo("Echo: four"));
    }

    @Test
    void aToolWhoseDefinitionChangesIsQuarantinedUntilAnAdminApprovesIt() throws IOException {
        Files.writeString(GatewayProfile.folder().resolve("tools/rug.yaml"), """
                mcp:
                  name: rug
                  stdio:
                    executable: %s
                    args: ["%s"]
                """.formatted(NpmUpstreams.NODE, NpmUpstreams.rugPull()));
        folder.reload();
        waitFor(Duration.ofSeconds(30), () -> registry.find("rug_weather").isPresent(), "rug's tools");
        given().contentType("application/json").body("{\"city\":\"Lisbon\"}").post("/tools/rug_weather/invoke")
                .then().statusCode(200).body("result.content[0].text", equalTo("Sunny in Lisbon"));
        // The upstream swaps the description and announces it with list_changed.
        given().contentType("application/json").body("{}").post("/tools/rug_pull_the_rug/invoke").then().statusCode(200);
        waitFor(Duration.ofSeconds(10), () -> registry.find("rug_weather").isEmpty(), "rug_weather to be quarantined");
        given().contentType("application/json").body("{\"city\":\"Lisbon\"}").post("/tools/rug_weather/invoke")
                .then().statusCode(409).body("error.code", equalTo("TOOL_QUARANTINED"))
                .body("error.message", containsString("description changed"))
                .body("error.message", containsString("/tool-sources/rug.yaml/approve"));
        JsonNode refused = mcpCall("rug_weather", "{\"city\":\"Lisbon\"}");
        assertThat(refused.path("isError").asBoolean()).isTrue();
        assertThat(refused.path("content").get(0).path("text").asText()).startsWith("TOOL_QUARANTINED");
        String listed = given().get("/tools").then().statusCode(200).extract().asString();
        assertThat(listed).contains("rug_pull_the_rug").doesNotContain("rug_weather");
        JsonNode held = source(json(given().get("/tool-sources").then().extract().asString()), "rug.yaml")
                .path("quarantined").get(0);
        assertThat(held.path("tool").asText()).isEqualTo("rug_weather");
        assertThat(held.path("pinned").path("description").asText()).isEqualTo(
                "Current weather for a city, as a short sentence.");
        assertThat(held.path("current").path("description").asText()).contains("id_rsa");
        assertThat(held.path("reason").asText()).contains("hidden-instruction markup", "secrets");
        // An admin looks and approves: the new definition becomes the pin.
        given().post("/tool-sources/rug.yaml/approve").then().statusCode(200)
                .body("approved[0]", equalTo("rug_weather"));
        given().contentType("application/json").body("{\"city\":\"Porto\"}").post("/tools/rug_weather/invoke")
                .then().statusCode(200).body("result.content[0].text", equalTo("Sunny in Porto"));
        given().post("/tool-sources/nothing-here.yaml/approve").then().statusCode(404);
    }

    @Test
    void aToolPoisonedFromTheStartIsNeverServedUnapproved() throws IOException {
        Files.writeString(GatewayProfile.folder().resolve("tools/poisoned.yaml"), """
                mcp:
                  name: poisoned
                  stdio:
                    executable: %s
                    args: ["%s", "--poisoned"]
                """.formatted(NpmUpstreams.NODE, NpmUpstreams.rugPull()));
        folder.reload();
        waitFor(Duration.ofSeconds(30), () -> registry.find("poisoned_pull_the_rug").isPresent(), "poisoned's tools");
        assertThat(registry.find("poisoned_weather")).isEmpty();
        given().contentType("application/json").body("{\"city\":\"Lisbon\"}").post("/tools/poisoned_weather/invoke")
                .then().statusCode(409).body("error.message", containsString("tells the model to keep something"
                        + " from the user"));
        // Not pinned: nothing approved it yet, so a clean definition later would be its first sight.
        JsonNode held = source(json(given().get("/tool-sources").then().extract().asString()), "poisoned.yaml")
                .path("quarantined").get(0);
        assertThat(held.path("pinned").isNull()).isTrue();
    }

    @Test
    void virtualServersServeTheirOwnCatalogue() {
        JsonNode files = json(given().get("/tools?server=files-only").then().statusCode(200).extract().asString());
        Set<String> names = new TreeSet<>();
        files.path("tools").forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).contains("fs_read_text_file", "fs_list_directory").allMatch(n -> n.startsWith("fs_"));
        JsonNode shop = json(given().get("/tools?server=shop&format=openai").then().statusCode(200).extract()
                .asString());
        Set<String> shopNames = new TreeSet<>();
        shop.forEach(t -> shopNames.add(t.path("function").path("name").asText()));
        assertThat(shopNames).containsExactly("lookup_customer", "search_products");
        given().get("/tools?server=nope").then().statusCode(404);
        given().get("/tools?server=ops").then().statusCode(403).body("error.message", containsString("ops"));
        // The MCP endpoint of a virtual server lists and calls only its tools.
        String listed = mcp("/mcp/files-only", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
        assertThat(listed).contains("fs_read_text_file").doesNotContain("everything_echo").doesNotContain("search_products");
        String call = mcp("/mcp/files-only", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"fs_list_allowed_directories\",\"arguments\":{}}}");
        assertThat(json(call).path("result").path("isError").asBoolean(false)).as(call).isFalse();
        String outside = mcp("/mcp/files-only", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"everything_echo\",\"arguments\":{\"message\":\"x\"}}}");
        assertThat(json(outside).path("error").path("message").asText()).contains("Unknown tool");
        given().contentType("application/json").header("Accept", "application/json, text/event-stream")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}").post("/mcp/nope").then()
                .statusCode(404);
    }

    private static String mcp(String path, String body) {
        return given().contentType("application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-06-18").body(body).post(path).then().statusCode(200).extract()
                .asString();
    }

    @Test
    void anUpstreamFromConfigurationKeysIsServedLikeAFilesOne() throws IOException {
        waitFor(Duration.ofSeconds(30), () -> registry.find("cfg_echo").isPresent(), "the configured upstream's tools");
        given().contentType("application/json").body("{\"message\":\"configured\"}").post("/tools/cfg_echo/invoke")
                .then().statusCode(200).body("result.content[0].text", equalTo("Echo: configured"));
        JsonNode env = JSON.readTree(mcpCall("cfg_get-env", "{}").path("content").get(0).path("text").asText());
        assertThat(env.path("UPSTREAM_MARK").asText()).isEqualTo("from-config");
        JsonNode source = source(json(given().get("/tool-sources").then().statusCode(200).extract().asString()),
                "config:configured");
        assertThat(source.path("tools").toString()).contains("cfg_echo");
        assertThat(registry.find("cfg_echo").orElseThrow().definition().origin())
                .isEqualTo("upstream configured (toolgate.upstreams.\"configured\")");
    }

    private static long kill(String commandLineEnd) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").endsWith(commandLineEnd))
                .filter(ProcessHandle::destroyForcibly).count();
    }

    @Test
    void anUpstreamThatCannotStartAnswersAClearErrorWithBackoff() throws IOException {
        Files.writeString(GatewayProfile.folder().resolve("tools/broken.yaml"), """
                mcp:
                  name: broken
                  stdio:
                    executable: %s
                    args: ["%s", "stdio"]
                """.formatted(NpmUpstreams.NODE, GatewayProfile.folder().resolve("no-such-script.js")));
        folder.reload();
        waitFor(Duration.ofSeconds(10), () -> {
            JsonNode sources = json(given().get("/tool-sources").then().statusCode(200).extract().asString());
            return source(sources, "broken.yaml").path("problem").asText().contains("exited with status");
        }, "the broken upstream's problem in /tool-sources");
        JsonNode sources = json(given().get("/tool-sources").then().extract().asString());
        assertThat(source(sources, "broken.yaml").path("problem").asText()).contains("Cannot find module",
                "no-such-script.js");
        Files.delete(GatewayProfile.folder().resolve("tools/broken.yaml"));
        folder.reload();
    }

    private static JsonNode mcpCall(String tool, String arguments) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
        String answer = given().contentType("application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-06-18").body(body).post("/mcp").then().statusCode(200)
                .extract().asString();
        JsonNode message = json(answer);
        assertThat(message.has("result")).as(answer).isTrue();
        return message.get("result");
    }

    private static JsonNode find(JsonNode content, String type) {
        for (Iterator<JsonNode> it = content.elements(); it.hasNext();) {
            JsonNode b = it.next();
            if (type.equals(b.path("type").asText())) {
                return b;
            }
        }
        throw new AssertionError("no " + type + " block in " + content);
    }

    private static String realPath(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

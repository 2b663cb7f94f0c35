package io.toolgate.gateway;

import static io.restassured.RestAssured.given;
import static io.toolgate.gateway.GatewayChecks.json;
import static io.toolgate.gateway.GatewayChecks.source;
import static io.toolgate.gateway.GatewayChecks.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toolgate.declarative.ToolFolder;
import io.toolgate.tool.ToolRegistry;
import jakarta.inject.Inject;

/**
 * The protocol side of the gateway, against upstreams on the official TypeScript SDKs: an upstream speaking the
 * stateless 2026-07-28 revision (SDK v2) behind its own OAuth authorization server (oauth2-mock-server), reached with
 * Toolgate's own token by the client credentials grant and told who the caller is by a signed header; its
 * {@code list_changed} arriving over a {@code subscriptions/listen} stream; a 2025 HTTP upstream's announcement
 * arriving over its GET stream; progress passed on to Toolgate's MCP callers from all three kinds of upstream; and a
 * call that runs out of time cancelled upstream.
 */
@QuarkusTest
@TestProfile(GatewayProfile.class)
class UpstreamProtocolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static NpmUpstreams.Serving stateless;
    private static NpmUpstreams.Serving rugOverHttp;
    private static boolean defined;

    @Inject
    ToolFolder folder;
    @Inject
    ToolRegistry registry;

    @BeforeEach
    synchronized void upstreams() throws IOException {
        if (defined) {
            return;
        }
        stateless = NpmUpstreams.serve(NpmUpstreams.stateless(), "--oauth");
        rugOverHttp = NpmUpstreams.serve(NpmUpstreams.rugPull(), "--http");
        Path tools = GatewayProfile.folder().resolve("tools");
        Files.writeString(tools.resolve("stateless.yaml"), """
                mcp:
                  name: stateless
                  prefix: st_
                  protocol_version: 2026-07-28
                  http:
                    url: %s
                    allow_private_network: true
                    oauth:
                      token_url: %s
                      client_id: toolgate
                      client_secret_env: TOOLGATE_TEST_OAUTH_SECRET
                    caller_identity: {secret_env: TOOLGATE_TEST_IDENTITY_KEY}
                timeout: 2s
                """.formatted(stateless.url("mcp"), stateless.url("token_endpoint")));
        Files.writeString(tools.resolve("wrong-secret.yaml"), """
                mcp:
                  name: wrong-secret
                  protocol_version: 2026-07-28
                  http:
                    url: %s
                    allow_private_network: true
                    oauth:
                      token_url: %s
                      client_id: toolgate
                      client_secret_env: TOOLGATE_TEST_WRONG_SECRET
                """.formatted(stateless.url("mcp"), stateless.url("token_endpoint")));
        Files.writeString(tools.resolve("rug-http.yaml"), """
                mcp:
                  name: rug-http
                  http:
                    url: %s
                    allow_private_network: true
                """.formatted(rugOverHttp.url("mcp")));
        Files.writeString(tools.resolve("everything-progress.yaml"), """
                mcp:
                  name: progress
                  stdio:
                    executable: %s
                    args: ["%s", "stdio"]
                """.formatted(NpmUpstreams.NODE, NpmUpstreams.everything()));
        folder.reload();
        waitFor(Duration.ofSeconds(60), () -> registry.find("st_echo").isPresent()
                && registry.find("rug_http_weather").isPresent() && registry.find("progress_echo").isPresent(),
                "the upstreams' tools");
        defined = true;
    }

    @AfterAll
    static void stop() {
        if (stateless != null) {
            stateless.close();
        }
        if (rugOverHttp != null) {
            rugOverHttp.close();
        }
    }

    @Test
    void aStatelessUpstreamIsCalledWithToolgatesOwnTokenFetchedOnce() {
        for (int i = 0; i < 3; i++) {
            given().contentType("application/json").body("{\"message\":\"stateless " + i + "\"}")
                    .post("/tools/st_echo/invoke").then().statusCode(200)
                    .body("result.content[0].text", equalTo("Echo: stateless " + i));
        }
        JsonNode result = mcpCall("st_echo", "{\"message\":\"over MCP\"}");
        assertThat(result.path("content").get(0).path("text").asText()).isEqualTo("Echo: over MCP");
        // The 2026-07-28 fields of the upstream's answer stay behind: the callers speak other revisions.
        assertThat(result.has("resultType")).isFalse();
        // One token for all of these calls: the grant is not repeated per call.
        assertThat(text("st_token_requests")).isEqualTo("1");
        // Annotations are the upstream's.
        assertThat(registry.find("st_echo").orElseThrow().definition().hints().readOnly()).isTrue();
    }

    @Test
    void theUpstreamSeesToolgatesTokenAndASignedStatementOfTheCaller() throws Exception {
        JsonNode who = JSON.readTree(text("st_whoami"));
        // The bearer token the upstream verified is the one its authorization server gave Toolgate's client.
        assertThat(who.path("sub").isNull()).as(who.toString()).isFalse();
        String header = who.path("caller").asText();
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(new HmacKey(System.getenv("TOOLGATE_TEST_IDENTITY_KEY")
                        .getBytes(StandardCharsets.UTF_8)))
                .setExpectedIssuer("toolgate").setExpectedAudience("stateless").setRequireExpirationTime()
                .build().processToClaims(header);
        assertThat(claims.getSubject()).isEqualTo("anonymous");
        assertThat(claims.getStringListClaimValue("roles")).contains("admin");
        // Signed with another key it is refused: the signature is what the upstream trusts.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JwtConsumerBuilder()
                .setVerificationKey(new HmacKey("another-key-of-enough-length-0123456789".getBytes(
                        StandardCharsets.UTF_8)))
                .setExpectedAudience("stateless").build().processToClaims(header))
                .isInstanceOf(org.jose4j.jwt.consumer.InvalidJwtException.class);
    }

    @Test
    void aRefusedClientSecretIsReportedWithTheAuthorizationServersReason() {
        waitFor(Duration.ofSeconds(20), () -> given().get("/tool-sources").then().extract().asString()
                .contains("invalid_client"), "the refusal in /tool-sources");
        JsonNode source = source(json(given().get("/tool-sources").then().extract().asString()), "wrong-secret.yaml");
        assertThat(source.path("problem").asText()).contains("refused Toolgate's client credentials: invalid_client");
        assertThat(registry.find("wrong_secret_echo")).isEmpty();
    }

    @Test
    void aStatelessUpstreamsListChangedArrivesOverItsListenStream() {
        given().contentType("application/json").body("{\"name\":\"fresh\"}").post("/tools/st_add_tool/invoke")
                .then().statusCode(200);
        waitFor(Duration.ofSeconds(15), () -> registry.find("st_fresh").isPresent(), "st_fresh to be listed");
        given().contentType("application/json").body("{\"message\":\"new\"}").post("/tools/st_fresh/invoke")
                .then().statusCode(200).body("result.content[0].text", containsString("new"));
    }

    @Test
    void anHttpUpstreamsAnnouncementOutsideACallArrivesOverItsGetStream() {
        // rug-pull announces the changed tool after its answer, outside any request: only the GET stream carries it.
        given().contentType("application/json").body("{}").post("/tools/rug_http_pull_the_rug/invoke").then()
                .statusCode(200);
        waitFor(Duration.ofSeconds(15), () -> registry.find("rug_http_weather").isEmpty(),
                "rug_http_weather to be quarantined");
        given().contentType("application/json").body("{\"city\":\"Faro\"}").post("/tools/rug_http_weather/invoke")
                .then().statusCode(409).body("error.code", equalTo("TOOL_QUARANTINED"));
    }

    @Test
    void progressFromEveryKindOfUpstreamReachesTheMcpCaller() {
        List<JsonNode> stdio = mcpCallWithProgress("progress_trigger-long-running-operation",
                "{\"duration\":1,\"steps\":3}");
        assertProgress(stdio, 3);
        List<JsonNode> overHttp = mcpCallWithProgress("st_count_slowly",
                "{\"steps\":3,\"delay_ms\":50}");
        assertProgress(overHttp, 3);
    }

    @Test
    void aCallThatRunsOutOfTimeIsCancelledUpstream() {
        int before = Integer.parseInt(text("st_cancellations"));
        given().contentType("application/json").body("{\"steps\":20,\"delay_ms\":500}")
                .post("/tools/st_count_slowly/invoke").then().statusCode(504).body("error.code", equalTo("TIMEOUT"));
        waitFor(Duration.ofSeconds(10), () -> Integer.parseInt(text("st_cancellations")) > before,
                "the upstream to see the cancellation");
    }

    @Test
    void aCallerCancellingItsCallCancelsItUpstream() throws Exception {
        int before = Integer.parseInt(text("st_cancellations"));
        String session = given().contentType("application/json")
                .header("Accept", "application/json, text/event-stream")
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}")
                .post("/mcp").then().statusCode(200).extract().header("Mcp-Session-Id");
        assertThat(session).isNotNull();
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> given().contentType("application/json")
                .header("Accept", "application/json, text/event-stream").header("MCP-Protocol-Version", "2025-06-18")
                .header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\":\"2.0\",\"id\":\"slow\",\"method\":\"tools/call\",\"params\":{\"name\":"
                        + "\"st_count_slowly\",\"arguments\":{\"steps\":6,\"delay_ms\":250}}}")
                .post("/mcp").then().extract().asString());
        Thread.sleep(500);
        given().contentType("application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-06-18").header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"slow\"}}")
                .post("/mcp").then().statusCode(202);
        call.get(10, TimeUnit.SECONDS);
        waitFor(Duration.ofSeconds(10), () -> Integer.parseInt(text("st_cancellations")) > before,
                "the upstream to see the caller's cancellation");
    }

    private static void assertProgress(List<JsonNode> messages, int steps) {
        List<JsonNode> progress = messages.stream()
                .filter(m -> "notifications/progress".equals(m.path("method").asText())).toList();
        assertThat(progress).as(messages.toString()).hasSizeGreaterThanOrEqualTo(steps);
        // Under the caller's own token, not the one Toolgate gave the upstream.
        assertThat(progress).allSatisfy(p -> assertThat(p.path("params").path("progressToken").asText())
                .isEqualTo("caller-token"));
        assertThat(progress.get(progress.size() - 1).path("params").path("progress").asDouble()).isEqualTo(steps);
        JsonNode last = messages.get(messages.size() - 1);
        assertThat(last.has("result")).as(messages.toString()).isTrue();
        assertThat(last.path("result").path("isError").asBoolean(false)).isFalse();
    }

    /** A tools/call with a progress token; every message of the event-stream answer, in order. */
    private static List<JsonNode> mcpCallWithProgress(String tool, String arguments) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + ",\"_meta\":{\"progressToken\":\"caller-token\"}}}";
        String answer = given().contentType("application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-06-18").body(body).post("/mcp").then().statusCode(200)
                .extract().asString();
        List<JsonNode> messages = new ArrayList<>();
        for (String line : answer.split("\n")) {
            if (line.startsWith("data:")) {
                messages.add(json(line.substring(5).strip()));
            }
        }
        if (messages.isEmpty()) {
            messages.add(json(answer));
        }
        return messages;
    }

    private static JsonNode mcpCall(String tool, String arguments) {
        List<JsonNode> messages = mcpCallWithProgress(tool, arguments);
        JsonNode last = messages.get(messages.size() - 1);
        assertThat(last.has("result")).as(last.toString()).isTrue();
        return last.get("result");
    }

    /** The first text block of a REST call without arguments. */
    private static String text(String tool) {
        return given().contentType("application/json").body("{}").post("/tools/" + tool + "/invoke").then()
                .statusCode(200).extract().path("result.content[0].text");
    }

}

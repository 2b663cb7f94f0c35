package io.toolgate.mcp;

import static io.toolgate.mcp.McpCallersProfile.ALICE;
import static io.toolgate.mcp.McpCallersProfile.BOB;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * A tool asking the client ({@link io.toolgate.tool.ClientInput}): under 2026-07-28 an input-required result whose
 * signed {@code requestState} only the same call by the same caller can bring back; under 2025 a server-to-client
 * {@code elicitation/create} on the call's own SSE stream, answered by a later POST of the session.
 */
@QuarkusTest
@TestProfile(McpCallersProfile.class)
class McpInputRequiredTest {

    private static final String TOOL = "test_input_required_result_elicitation";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/mcp")
    URL mcp;
    @Inject
    RequestStates requestStates;

    private static ObjectNode call(Object id, String arguments) {
        return Mcp.call2026(id, TOOL, arguments, Mcp.capabilities("elicitation"));
    }

    /** Round one: the questions and the state. */
    private static JsonNode firstRound(String apiKey, Object id, String arguments) {
        Response response = Mcp.post2026(apiKey, call(id, arguments));
        response.then().statusCode(200).contentType(startsWith("application/json"));
        JsonNode result = Mcp.json(response.asString()).get("result");
        assertEquals("input_required", result.path("resultType").asText(), result.toString());
        return result;
    }

    /** A retry carrying the answer and a state. */
    private static ObjectNode retry(Object id, String arguments, String state, String name) {
        ObjectNode message = call(id, arguments);
        ObjectNode params = (ObjectNode) message.get("params");
        params.put("requestState", state);
        params.putObject("inputResponses").putObject("user_name").put("action", "accept").putObject("content")
                .put("name", name);
        return message;
    }

    private static ValidatableResponse stateRefused(Response response, Object id, String why) {
        return response.then().statusCode(200)
                .body("id", equalTo(id))
                .body("result", nullValue())
                .body("error.code", equalTo(-32602))
                .body("error.message", containsString("requestState"))
                .body("error.message", containsString(why));
    }

    @Test
    void firstRoundAsksAndTheRetryWithTheAnswerCompletes() {
        JsonNode result = firstRound(ALICE, 1, "{}");
        JsonNode question = result.path("inputRequests").path("user_name");
        assertEquals("elicitation/create", question.path("method").asText(), result.toString());
        assertEquals("What is your name?", question.path("params").path("message").asText());
        assertEquals("string", question.at("/params/requestedSchema/properties/name/type").asText());
        String state = result.path("requestState").asText();
        assertFalse(state.isEmpty(), result.toString());
        assertTrue(result.path("content").isMissingNode(), "an input-required result is not a tool result yet");

        Mcp.post2026(ALICE, retry(2, "{}", state, "Ada")).then().statusCode(200)
                .body("id", equalTo(2))
                .body("result.resultType", equalTo("complete"))
                .body("result.isError", nullValue())
                .body("result.content[0].text", equalTo("Hello, Ada!"))
                .body("result.requestState", nullValue());
    }

    @Test
    void aTamperedStateIsRefused() {
        String state = firstRound(ALICE, 3, "{}").path("requestState").asText();
        int dot = state.lastIndexOf('.');
        // A byte of the signed body, a byte of the signature, the signature cut off, a state this server never saw.
        for (String tampered : new String[] { flip(state, dot / 2), flip(state, dot + 3), state.substring(0, dot),
                "bm90IGEgc3RhdGU" }) {
            Mcp.post2026(ALICE, retry(4, "{}", tampered, "Mallory")).then().statusCode(200)
                    .body("id", equalTo(4))
                    .body("error.code", equalTo(-32602))
                    .body("error.message", containsString("requestState"));
        }
        Mcp.post2026(ALICE, retry(5, "{}", state, "Ada")).then().statusCode(200)
                .body("result.content[0].text", equalTo("Hello, Ada!"));
    }

    @Test
    void aStateIsBoundToTheArgumentsTheToolAndTheCaller() {
        String state = firstRound(ALICE, 6, "{\"greeting\":\"hi\"}").path("requestState").asText();
        stateRefused(Mcp.post2026(ALICE, retry(7, "{\"greeting\":\"bye\"}", state, "Ada")), 7, "another request");
        stateRefused(Mcp.post2026(ALICE, retry(8, "{}", state, "Ada")), 8, "another request");
        ObjectNode otherTool = retry(9, "{\"greeting\":\"hi\"}", state, "Ada");
        ((ObjectNode) otherTool.get("params")).put("name", "test_input_required_result_request_state");
        stateRefused(Mcp.post2026(ALICE, otherTool), 9, "another request");
        // Another caller, with everything else the same.
        stateRefused(Mcp.post2026(BOB, retry(10, "{\"greeting\":\"hi\"}", state, "Ada")), 10, "another request");
        // The owner, with the same arguments, still completes.
        Mcp.post2026(ALICE, retry(11, "{\"greeting\":\"hi\"}", state, "Ada")).then().statusCode(200)
                .body("result.content[0].text", equalTo("Hello, Ada!"));
    }

    @Test
    void aStateSignedWithAnotherSecretIsRefused() {
        Map<String, JsonNode> none = Map.of();
        String forged = new RequestStates("another instance's secret", Duration.ofMinutes(5)).seal("tools/call", TOOL,
                Mcp.json("{}"), "alice", none);
        stateRefused(Mcp.post2026(ALICE, retry(12, "{}", forged, "Ada")), 12, "integrity");
        // The same state sealed with this server's own key is accepted: only the key differed.
        String genuine = requestStates.seal("tools/call", TOOL, Mcp.json("{}"), "alice", none);
        Mcp.post2026(ALICE, retry(13, "{}", genuine, "Ada")).then().statusCode(200)
                .body("result.content[0].text", equalTo("Hello, Ada!"));
    }

    @Test
    void withoutTheCapabilityTheClientIsToldWhichOneIsMissing() {
        Mcp.post2026(ALICE, Mcp.call2026("c-1", TOOL, "{}", Mcp.capabilities("sampling"))).then()
                .statusCode(400)
                .contentType(startsWith("application/json"))
                .body("id", equalTo("c-1"))
                .body("result", nullValue())
                .body("error.code", equalTo(-32021))
                .body("error.message", containsString("elicitation"))
                .body("error.data.requiredCapabilities.elicitation", notNullValue());
    }

    @Test
    void under2025TheToolAsksOverTheCallsStreamAndTheAnswerArrivesAsALaterPost() throws Exception {
        String session = Mcp.initialize(ALICE, "{\"elicitation\":{}}");
        Map<String, String> headers = Map.of("X-API-Key", ALICE, "Mcp-Session-Id", session, "MCP-Protocol-Version",
                "2025-11-25");
        try (McpStream call = McpStream.post(URI.create(mcp.toString()), headers, Mcp.call(31, TOOL, "{}"))) {
            assertEquals(200, call.status());
            assertTrue(call.contentType().startsWith("text/event-stream"), call.contentType());
            JsonNode question = call.next(WAIT);
            assertEquals("elicitation/create", question.path("method").asText(), question.toString());
            assertTrue(question.path("id").isTextual(), "a server request has an id of its own: " + question);
            assertEquals("What is your name?", question.at("/params/message").asText());
            assertEquals("string", question.at("/params/requestedSchema/properties/name/type").asText());

            String answer = "{\"jsonrpc\":\"2.0\",\"id\":" + question.get("id") + ",\"result\":{\"action\":\"accept\","
                    + "\"content\":{\"name\":\"Grace\"}}}";
            Mcp.as(ALICE).header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25").body(answer)
                    .post("/mcp").then().statusCode(202);

            JsonNode response = call.next(WAIT);
            assertEquals(31, response.path("id").asInt(), response.toString());
            assertEquals("Hello, Grace!", response.at("/result/content/0/text").asText(), response.toString());
            assertTrue(response.at("/result/isError").isMissingNode(), response.toString());
            assertTrue(response.at("/result/resultType").isMissingNode(), "no 2026 fields under 2025");
        }
    }

    @Test
    void under2025WithoutTheCapabilityTheToolFailsReadably() {
        String session = Mcp.initialize(ALICE, "{}");
        // Should the tool wait for an answer instead (toolgate.mcp.input-timeout, 10 min), fail after 20 s.
        Mcp.as(ALICE).config(io.restassured.RestAssured.config().httpClient(
                io.restassured.config.HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 20_000)))
                .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25")
                .body(Mcp.call(32, TOOL, "{}")).post("/mcp").then()
                .statusCode(200)
                .contentType(startsWith("application/json"))
                .body("id", equalTo(32))
                .body("error", nullValue())
                .body("result.isError", equalTo(true))
                .body("result.content[0].text", containsString("elicitation"));
    }

    private static String flip(String text, int at) {
        char c = text.charAt(at);
        return text.substring(0, at) + (c == 'A' ? 'B' : 'A') + text.substring(at + 1);
    }
}

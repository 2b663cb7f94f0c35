package io.toolgate.mcp;

import static io.toolgate.mcp.McpCallersProfile.ALICE;
import static org.hamcrest.Matchers.equalTo;
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

/**
 * 2026-07-28 {@code subscriptions/listen}: the stream is acknowledged first with the subscription id (the id of the
 * listen request), then carries exactly the changes its filter names, each tagged with that id.
 */
@QuarkusTest
@TestProfile(McpCallersProfile.class)
class McpListenTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/mcp")
    URL mcp;

    private McpStream listen(Object id, String filter) throws Exception {
        ObjectNode params = Mcp.JSON.createObjectNode();
        params.set("notifications", Mcp.json(filter));
        ObjectNode message = Mcp.request2026(id, "subscriptions/listen", params, Mcp.capabilities());
        return McpStream.post(URI.create(mcp.toString()), Map.of("X-API-Key", ALICE, "MCP-Protocol-Version",
                Mcp.STATELESS, "Mcp-Method", "subscriptions/listen"), message.toString());
    }

    private static void assertTagged(JsonNode notification, String method, Object subscriptionId) {
        assertEquals(method, notification.path("method").asText(), notification.toString());
        assertFalse(notification.has("id"), "a notification has no id: " + notification);
        assertEquals(Mcp.JSON.valueToTree(subscriptionId),
                notification.path("params").path("_meta").get(Mcp.META_SUBSCRIPTION), notification.toString());
    }

    private static void trigger(Object id, String tool) {
        Mcp.post2026(ALICE, Mcp.call2026(id, tool, "{}", Mcp.capabilities())).then().statusCode(200)
                .body("result.content[0].text", org.hamcrest.Matchers.startsWith("Mutation triggered"));
    }

    @Test
    void theAcknowledgementComesFirstAndNamesTheSubscription() throws Exception {
        try (McpStream stream = listen("sub-1", "{\"toolsListChanged\":true,\"promptsListChanged\":false}")) {
            assertEquals(200, stream.status());
            assertTrue(stream.contentType().startsWith("text/event-stream"), stream.contentType());
            JsonNode ack = stream.next(WAIT);
            assertTagged(ack, "notifications/subscriptions/acknowledged", "sub-1");
            // What the server honours: only what was asked for.
            assertEquals(Mcp.json("{\"toolsListChanged\":true}"), ack.at("/params/notifications"));
        }
    }

    @Test
    void aToolListChangeReachesToolListenersOnlyTaggedWithTheirSubscription() throws Exception {
        try (McpStream tools = listen(41, "{\"toolsListChanged\":true}");
                McpStream prompts = listen("prompts-only", "{\"promptsListChanged\":true}")) {
            assertTagged(tools.next(WAIT), "notifications/subscriptions/acknowledged", 41);
            assertTagged(prompts.next(WAIT), "notifications/subscriptions/acknowledged", "prompts-only");

            trigger(42, "test_trigger_tool_change");
            assertTagged(tools.next(WAIT), "notifications/tools/list_changed", 41);

            // A prompt change afterwards: the prompts listener's next message is that one, so the tool change
            // before it did not reach it; and the tools listener does not get the prompt change.
            trigger(43, "test_trigger_prompt_change");
            assertTagged(prompts.next(WAIT), "notifications/prompts/list_changed", "prompts-only");
            JsonNode extra = tools.poll(Duration.ofMillis(500));
            assertEquals(null, extra, "the tools listener got a notification it did not ask for");

            trigger(44, "test_trigger_tool_change"); // back to the tool list the other tests expect
            assertTagged(tools.next(WAIT), "notifications/tools/list_changed", 41);
            assertEquals(null, prompts.poll(Duration.ofMillis(500)));
            trigger(45, "test_trigger_prompt_change"); // and the prompt list
            assertTagged(prompts.next(WAIT), "notifications/prompts/list_changed", "prompts-only");
            assertEquals(null, tools.poll(Duration.ofMillis(500)));
            assertFalse(tools.ended());
        }
    }

    @Test
    void listenWithoutAFilterIsInvalidParams() {
        Mcp.post2026(ALICE, Mcp.request2026(47, "subscriptions/listen", null, Mcp.capabilities())).then()
                .statusCode(200).body("id", equalTo(47)).body("error.code", equalTo(-32602));
    }

    @Test
    void listenIsNotPartOf2025() {
        String session = Mcp.initialize(ALICE, "{}");
        Mcp.as(ALICE).header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25")
                .body("{\"jsonrpc\":\"2.0\",\"id\":46,\"method\":\"subscriptions/listen\",\"params\":"
                        + "{\"notifications\":{\"toolsListChanged\":true}}}")
                .post("/mcp").then().statusCode(200).body("error.code", equalTo(-32601));
    }
}

package io.toolgate.mcp;

import static io.toolgate.mcp.McpCallersProfile.ALICE;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolExecutor;
import io.toolgate.tool.ToolHints;
import io.toolgate.tool.ToolLog;
import io.toolgate.tool.ToolPolicy;
import io.toolgate.tool.ToolRegistry;
import jakarta.inject.Inject;

/**
 * {@link ToolLog} messages reach the client as {@code notifications/message} on the call's SSE response, at or above
 * the level the client asked for: under 2025 with {@code logging/setLevel} on the session, under 2026-07-28 with
 * {@code _meta} logLevel on the request itself. A client that asked for nothing gets a plain JSON response.
 */
@QuarkusTest
@TestProfile(McpCallersProfile.class)
class McpLoggingTest {

    private static final String LOGGING_TOOL = "test_tool_with_logging";
    private static final List<String> FIXTURE_MESSAGES = List.of("Tool execution started", "Tool processing data",
            "Tool execution completed");

    @Inject
    ToolRegistry registry;

    private static Response post2025(String session, String body) {
        return Mcp.as(ALICE).header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25")
                .body(body).post("/mcp");
    }

    private static void setLevel(String session, String level) {
        post2025(session, "{\"jsonrpc\":\"2.0\",\"id\":\"lvl\",\"method\":\"logging/setLevel\",\"params\":{\"level\":\""
                + level + "\"}}").then().statusCode(200).body("result.size()", equalTo(0));
    }

    /** The log notifications of a response, checked to come before the response, which is last. */
    private static List<JsonNode> logMessages(Response response, Object id) {
        List<JsonNode> messages = Mcp.messages(response);
        JsonNode last = messages.get(messages.size() - 1);
        assertEquals(Mcp.JSON.valueToTree(id), last.get("id"), "the response comes last: " + messages);
        List<JsonNode> logs = messages.subList(0, messages.size() - 1);
        for (JsonNode log : logs) {
            assertEquals("notifications/message", log.path("method").asText(), log.toString());
            assertTrue(log.has("params") && !log.has("id"), log.toString());
        }
        return logs;
    }

    private static List<String> texts(List<JsonNode> logs) {
        return logs.stream().map(l -> l.at("/params/data").asText()).toList();
    }

    private static List<String> levels(List<JsonNode> logs) {
        return logs.stream().map(l -> l.at("/params/level").asText()).toList();
    }

    @Test
    void sessionLevelInfoStreamsTheToolsMessagesBeforeTheResult() {
        String session = Mcp.initialize(ALICE, "{}");
        setLevel(session, "info");
        Response response = post2025(session, Mcp.call(1, LOGGING_TOOL, "{}"));
        response.then().statusCode(200).contentType(startsWith("text/event-stream"));
        List<JsonNode> logs = logMessages(response, 1);
        assertEquals(FIXTURE_MESSAGES, texts(logs));
        assertEquals(List.of("info", "info", "info"), levels(logs));
        assertEquals("Tool with logging executed successfully",
                Mcp.response(response).at("/result/content/0/text").asText());
    }

    @Test
    void sessionLevelWarningDropsInfoMessages() {
        String session = Mcp.initialize(ALICE, "{}");
        setLevel(session, "warning");
        Response response = post2025(session, Mcp.call(2, LOGGING_TOOL, "{}"));
        // Nothing to stream, so the response stays plain JSON.
        response.then().statusCode(200).contentType(startsWith("application/json"))
                .body("result.content[0].text", equalTo("Tool with logging executed successfully"));
        assertEquals(List.of(), logMessages(response, 2));
    }

    @Test
    void aSessionThatSetNoLevelGetsNoMessages() {
        String session = Mcp.initialize(ALICE, "{}");
        Response response = post2025(session, Mcp.call(3, LOGGING_TOOL, "{}"));
        response.then().statusCode(200).contentType(startsWith("application/json"));
        assertEquals(List.of(), logMessages(response, 3));
    }

    @Test
    void levelsAtOrAboveTheSessionsLevelArriveInOrder() {
        String name = "test_log_at_every_level";
        registry.register(loggingTool(name));
        try {
            String session = Mcp.initialize(ALICE, "{}");
            setLevel(session, "warning");
            List<JsonNode> logs = logMessages(post2025(session, Mcp.call(4, name, "{}")), 4);
            assertEquals(List.of("warning", "error"), levels(logs));
            assertEquals(List.of("at warning", "at error"), texts(logs));

            setLevel(session, "debug");
            assertEquals(List.of("debug", "info", "warning", "error"),
                    levels(logMessages(post2025(session, Mcp.call(5, name, "{}")), 5)));

            // 2026-07-28: the same rule with the level in the request's _meta.
            ObjectNode call = Mcp.call2026(6, name, "{}", Mcp.capabilities());
            ((ObjectNode) call.at("/params/_meta")).put(Mcp.META_LOG_LEVEL, "error");
            assertEquals(List.of("error"), levels(logMessages(Mcp.post2026(ALICE, call), 6)));
        } finally {
            registry.unregister(name);
        }
    }

    @Test
    void setLevelWithoutAValidLevelIsInvalidParams() {
        String session = Mcp.initialize(ALICE, "{}");
        post2025(session, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"logging/setLevel\",\"params\":{\"level\":"
                + "\"verbose\"}}").then().statusCode(200).body("error.code", equalTo(-32602));
    }

    @Test
    void statelessRequestWithLogLevelStreamsTheMessages() {
        ObjectNode call = Mcp.call2026("l-1", LOGGING_TOOL, "{}", Mcp.capabilities());
        ((ObjectNode) call.at("/params/_meta")).put(Mcp.META_LOG_LEVEL, "debug");
        Response response = Mcp.post2026(ALICE, call);
        response.then().statusCode(200).contentType(startsWith("text/event-stream"));
        List<JsonNode> logs = logMessages(response, "l-1");
        assertEquals(FIXTURE_MESSAGES, texts(logs));
        JsonNode result = Mcp.response(response).get("result");
        assertEquals("complete", result.path("resultType").asText());
        assertEquals("Tool with logging executed successfully", result.at("/content/0/text").asText());
    }

    @Test
    void statelessRequestWithoutLogLevelGetsNoMessages() {
        Response response = Mcp.post2026(ALICE, Mcp.call2026("l-2", LOGGING_TOOL, "{}", Mcp.capabilities()));
        response.then().statusCode(200).contentType(startsWith("application/json"))
                .body("result.resultType", equalTo("complete"));
        assertEquals(List.of(), logMessages(response, "l-2"));
    }

    @Test
    void statelessLogLevelWarningDropsInfoMessages() {
        ObjectNode call = Mcp.call2026("l-3", LOGGING_TOOL, "{}", Mcp.capabilities());
        ((ObjectNode) call.at("/params/_meta")).put(Mcp.META_LOG_LEVEL, "warning");
        Response response = Mcp.post2026(ALICE, call);
        response.then().statusCode(200).contentType(startsWith("application/json"));
        assertEquals(List.of(), logMessages(response, "l-3"));
    }

    @Test
    void statelessLevelIsNotRememberedForTheNextRequest() {
        ObjectNode call = Mcp.call2026("l-4", LOGGING_TOOL, "{}", Mcp.capabilities());
        ((ObjectNode) call.at("/params/_meta")).put(Mcp.META_LOG_LEVEL, "debug");
        assertEquals(3, logMessages(Mcp.post2026(ALICE, call), "l-4").size());
        assertEquals(List.of(), logMessages(Mcp.post2026(ALICE, Mcp.call2026("l-5", LOGGING_TOOL, "{}",
                Mcp.capabilities())), "l-5"));
    }

    @Test
    void statelessUnknownLogLevelIsInvalidParams() {
        ObjectNode call = Mcp.call2026("l-6", LOGGING_TOOL, "{}", Mcp.capabilities());
        ((ObjectNode) call.at("/params/_meta")).put(Mcp.META_LOG_LEVEL, "loud");
        Mcp.post2026(ALICE, call).then().statusCode(400).body("id", equalTo("l-6"))
                .body("error.code", equalTo(-32602));
    }

    private static ToolDefinition loggingTool(String name) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        schema.putObject("properties");
        ToolExecutor executor = new ToolExecutor() {
            @Override
            public io.toolgate.tool.PreparedCall prepare(ObjectNode arguments, io.toolgate.security.Caller caller) {
                return () -> {
                    ToolLog.debug("at debug");
                    ToolLog.info("at info");
                    ToolLog.warning("at warning");
                    ToolLog.error("at error");
                    return "logged";
                };
            }

            @Override
            public boolean blocking() {
                return true;
            }
        };
        return new ToolDefinition(name, null, "Logs once at each of four levels; exists only during one test.", schema,
                null, new ToolHints(true, false, true, false), new ToolPolicy(Duration.ofSeconds(5), 0), executor,
                "test");
    }
}

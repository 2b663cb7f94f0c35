package io.toolgate.mcp;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolExecutor;
import io.toolgate.tool.ToolHints;
import io.toolgate.tool.ToolPolicy;
import io.toolgate.tool.ToolRegistry;
import jakarta.inject.Inject;

@QuarkusTest
@TestProfile(McpFixturesProfile.class)
class McpToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/mcp")
    URL mcp;
    @Inject
    ToolRegistry registry;

    @Test
    void toolsListPagesThroughEveryToolWithOpaqueCursors() {
        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String params = cursor == null ? "{}" : "{\"cursor\":\"" + cursor + "\"}";
            JsonPath page = Mcp.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":" + params
                    + "}").then().statusCode(200).extract().jsonPath();
            List<String> names = page.getList("result.tools.name");
            assertTrue(names.size() <= 3, "page size is 3 in this profile");
            listed.addAll(names);
            cursor = page.getString("result.nextCursor");
            pages++;
        } while (cursor != null && pages < 100);
        // Every tool the (anonymous) caller may use, and only those: role-protected tools stay hidden.
        List<String> expected = registry.visibleTo(io.toolgate.security.Caller.anonymous(java.util.Set.of()))
                .stream().map(RegisteredTool::name).toList();
        assertEquals(expected, listed);
        assertTrue(registry.all().size() > expected.size(), "some tools need a role");
        assertTrue(pages > 1);
    }

    @Test
    void toolsListPublishesTheMcpToolObject() {
        Mcp.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}").then()
                .statusCode(200)
                .body("result.tools[0].name", notNullValue())
                .body("result.tools[0].description", notNullValue())
                .body("result.tools[0].inputSchema.type", equalTo("object"));
    }

    @Test
    void invalidCursorIsInvalidParams() {
        Mcp.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"cursor\":\"%%%\"}}").then()
                .statusCode(200).body("error.code", equalTo(-32602));
        Mcp.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"cursor\":\"bm9wZQ\"}}").then()
                .statusCode(200).body("error.code", equalTo(-32602));
    }

    @Test
    void structuredToolAnswersWithStructuredContentAndTheSameJsonAsText() throws Exception {
        String answer = Mcp.post(Mcp.call(5, "search_products", "{\"query\":\"laptop\"}")).then()
                .statusCode(200)
                .body("result.isError", nullValue())
                .body("result.content[0].type", equalTo("text"))
                .body("result.structuredContent.query", equalTo("laptop"))
                .extract().asString();
        JsonNode result = JSON.readTree(answer).get("result");
        JsonNode text = JSON.readTree(result.at("/content/0/text").asText());
        JsonNode structured = result.get("structuredContent");
        assertEquals(structured, text);
    }

    @Test
    void plainTextToolAnswersWithTextOnly() {
        Mcp.post(Mcp.call(6, "test_simple_text", "{}")).then()
                .statusCode(200)
                .body("result.content[0].text", equalTo("This is a simple text response for testing."))
                .body("result.structuredContent", nullValue());
    }

    @Test
    void validationFailureIsAToolErrorNamingCodeAndField() {
        Mcp.post(Mcp.call(7, "search_products", "{\"query\":\"\",\"bogus\":1}")).then()
                .statusCode(200)
                .body("error", nullValue())
                .body("result.isError", is(true))
                .body("result.content[0].type", equalTo("text"))
                .body("result.content[0].text", containsString("VALIDATION_ERROR"))
                .body("result.content[0].text", containsString("- query"));
    }

    @Test
    void argumentsThatAreNotAnObjectAreAToolError() {
        Mcp.post(Mcp.call(8, "search_products", "[1,2]")).then()
                .statusCode(200)
                .body("result.isError", is(true))
                .body("result.content[0].text", containsString("VALIDATION_ERROR"));
    }

    @Test
    void executionFailureIsAToolError() {
        Mcp.post(Mcp.call(9, "test_error_handling", "{}")).then()
                .statusCode(200)
                .body("result.isError", is(true))
                .body("result.content[0].text", containsString("TOOL_REFUSED"))
                .body("result.content[0].text", containsString("intentionally returns an error"));
    }

    @Test
    void unknownToolIsInvalidParams() {
        Mcp.post(Mcp.call(10, "no_such_tool", "{}")).then()
                .statusCode(200)
                .body("id", equalTo(10))
                .body("result", nullValue())
                .body("error.code", equalTo(-32602));
    }

    @Test
    void contentBlocksPassThrough() {
        Mcp.post(Mcp.call(11, "test_multiple_content_types", "{}")).then()
                .statusCode(200)
                .body("result.content.type", equalTo(List.of("text", "image", "resource")))
                .body("result.content[1].mimeType", equalTo("image/png"))
                .body("result.content[2].resource.uri", equalTo("test://mixed-content-resource"));
    }

    @Test
    void progressTokenStreamsIncreasingProgressBeforeTheResult() throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"test_tool_with_progress\",\"arguments\":{},\"_meta\":{\"progressToken\":\"tok\"}}}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(post(body),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<JsonNode> events = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(JSON.readTree(line.substring(6)));
            }
        }
        assertEquals(4, events.size(), response.body());
        double last = -1;
        for (JsonNode progress : events.subList(0, 3)) {
            assertEquals("notifications/progress", progress.get("method").asText());
            assertEquals("tok", progress.at("/params/progressToken").asText());
            assertTrue(progress.at("/params/progress").asDouble() > last);
            last = progress.at("/params/progress").asDouble();
        }
        assertEquals(12, events.get(3).get("id").asInt());
        assertEquals("Progress test completed", events.get(3).at("/result/content/0/text").asText());
    }

    @Test
    void cancelledNotificationInterruptsTheToolAndSuppressesTheResponse() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        String name = "test_wait_until_cancelled";
        registry.register(blockingTool(name, started, interrupted));
        try {
            String session = Mcp.initialize();
            CompletableFuture<HttpResponse<String>> pending = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(URI.create(mcp.toString())).header("Content-Type", "application/json")
                            .header("Accept", Mcp.ACCEPT).header("Mcp-Session-Id", session)
                            .POST(HttpRequest.BodyPublishers.ofString(Mcp.call(77, name, "{}"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(started.await(5, TimeUnit.SECONDS), "the tool started");
            Mcp.post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":"
                    + "{\"requestId\":77,\"reason\":\"user gave up\"}}").then().statusCode(202);
            assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the tool's thread was interrupted");
            HttpResponse<String> response = pending.get(5, TimeUnit.SECONDS);
            assertEquals(202, response.statusCode());
            assertEquals("", response.body());
        } finally {
            registry.unregister(name);
        }
    }

    private HttpRequest post(String body) {
        return HttpRequest.newBuilder(URI.create(mcp.toString())).header("Content-Type", "application/json")
                .header("Accept", Mcp.ACCEPT).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static ToolDefinition blockingTool(String name, CountDownLatch started, CountDownLatch interrupted) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        schema.putObject("properties");
        ToolExecutor executor = new ToolExecutor() {
            @Override
            public io.toolgate.tool.PreparedCall prepare(ObjectNode arguments, io.toolgate.security.Caller caller) {
                return () -> {
                    started.countDown();
                    try {
                        Thread.sleep(20_000);
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                    return "not cancelled";
                };
            }

            @Override
            public boolean blocking() {
                return true;
            }
        };
        return new ToolDefinition(name, null, "Waits until cancelled; exists only during one MCP door test.", schema,
                null, new ToolHints(true, false, true, false), new ToolPolicy(Duration.ofSeconds(30), 0), executor,
                "test");
    }
}

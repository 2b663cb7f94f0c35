package io.toolgate.mcp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolExecutor;
import io.toolgate.tool.ToolHints;
import io.toolgate.tool.ToolPolicy;
import io.toolgate.tool.ToolRegistry;
import jakarta.inject.Inject;

@QuarkusTest
@TestProfile(McpFixturesProfile.class)
class McpHttpRulesTest {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    @TestHTTPResource("/mcp")
    URL mcp;
    @Inject
    ToolRegistry registry;

    @Test
    void postWithoutAcceptIsRejected() throws Exception {
        // rest-assured always sends an Accept header; the JDK client sends none unless told.
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                mcp.toString())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(PING)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
    }

    @Test
    void postAcceptingOnlyJsonIsRejected() {
        given().contentType("application/json").header("Accept", "application/json").body(PING).post("/mcp").then()
                .statusCode(400).body("error.code", equalTo(-32600));
    }

    @Test
    void postAcceptingOnlyEventStreamIsRejected() {
        given().contentType("application/json").header("Accept", "text/event-stream").body(PING).post("/mcp")
                .then().statusCode(400);
    }

    @Test
    void wildcardAcceptAllowsBoth() {
        given().contentType("application/json").header("Accept", "*/*").body(PING).post("/mcp").then()
                .statusCode(200);
    }

    @Test
    void nonJsonContentTypeIsRejected() {
        given().contentType("text/plain").header("Accept", Mcp.ACCEPT).body(PING).post("/mcp").then()
                .statusCode(415);
    }

    @Test
    void unsupportedProtocolVersionHeaderIsRejected() {
        Mcp.request().header("MCP-Protocol-Version", "2024-11-05").body(PING).post("/mcp").then().statusCode(400);
    }

    @Test
    void supportedProtocolVersionHeaderIsAccepted() {
        Mcp.request().header("MCP-Protocol-Version", "2025-06-18").body(PING).post("/mcp").then().statusCode(200);
    }

    @Test
    void unknownSessionIsNotFound() {
        Mcp.post("not-a-session", PING).then().statusCode(404);
    }

    @Test
    void requestsWithoutSessionAreServedInOptionalMode() {
        Mcp.post(PING).then().statusCode(200).body("result.size()", equalTo(0));
    }

    @Test
    void deleteEndsTheSession() {
        String session = Mcp.initialize();
        Mcp.post(session, PING).then().statusCode(200);
        given().header("Mcp-Session-Id", session).delete("/mcp").then().statusCode(204);
        Mcp.post(session, PING).then().statusCode(404);
        given().header("Mcp-Session-Id", session).delete("/mcp").then().statusCode(404);
    }

    @Test
    void deleteWithoutSessionIsBadRequest() {
        given().delete("/mcp").then().statusCode(400);
    }

    @Test
    void otherMethodsAreNotAllowed() {
        given().body(PING).put("/mcp").then().statusCode(405).header("Allow", "GET, POST, DELETE");
    }

    @Test
    void foreignOriginIsForbidden() {
        Mcp.request().header("Origin", "http://evil.example").body(PING).post("/mcp").then().statusCode(403);
        Mcp.request().header("Origin", "http://localhost.evil.example").body(PING).post("/mcp").then()
                .statusCode(403);
        given().header("Origin", "http://evil.example").header("Accept", "text/event-stream").get("/mcp").then()
                .statusCode(403);
    }

    @Test
    void localOriginsAreAllowedOnAnyPort() {
        Mcp.request().header("Origin", "http://localhost:6274").body(PING).post("/mcp").then().statusCode(200);
        Mcp.request().header("Origin", "http://127.0.0.1").body(PING).post("/mcp").then().statusCode(200);
    }

    @Test
    void getWithoutEventStreamAcceptIsNotAcceptable() {
        given().header("Accept", "application/json").get("/mcp").then().statusCode(406);
    }

    @Test
    void getStreamAnnouncesToolListChanges() throws Exception {
        String session = Mcp.initialize();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest open = HttpRequest.newBuilder(URI.create(mcp.toString()))
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", session).GET().build();
        HttpResponse<Stream<String>> stream = client.send(open, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        Iterator<String> lines = stream.body().iterator();
        CompletableFuture<String> announcement = CompletableFuture.supplyAsync(() -> {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data:")) {
                    return line;
                }
            }
            return "";
        });
        String name = "temporary_tool_for_list_changed";
        registry.register(temporaryTool(name));
        try {
            String event = announcement.get(5, TimeUnit.SECONDS);
            assertTrue(event.contains("\"method\":\"notifications/tools/list_changed\""), event);
        } finally {
            registry.unregister(name);
            given().header("Mcp-Session-Id", session).delete("/mcp");
            stream.body().close();
        }
    }

    static ToolDefinition temporaryTool(String name) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        schema.putObject("properties");
        ToolExecutor executor = new ToolExecutor() {
            @Override
            public io.toolgate.tool.PreparedCall prepare(ObjectNode arguments, io.toolgate.security.Caller caller) {
                return () -> "ok";
            }

            @Override
            public boolean blocking() {
                return true;
            }
        };
        return new ToolDefinition(name, null, "A tool that exists only during one test of the MCP door.", schema,
                null, new ToolHints(true, false, true, false), new ToolPolicy(Duration.ofSeconds(5), 0), executor,
                "test");
    }
}

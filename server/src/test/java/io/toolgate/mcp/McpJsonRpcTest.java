package io.toolgate.mcp;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(McpFixturesProfile.class)
class McpJsonRpcTest {

    @Test
    void unparsableBodyIsParseError() {
        Mcp.post("{\"jsonrpc\":\"2.0\",\"id\":1,").then()
                .statusCode(400)
                .body("id", nullValue())
                .body("error.code", equalTo(-32700))
                .body("error.message", containsString("not valid JSON"));
    }

    @Test
    void messageWithoutJsonrpcVersionIsInvalidRequest() {
        Mcp.post("{\"id\":1,\"method\":\"ping\"}").then()
                .statusCode(400)
                .body("id", equalTo(1))
                .body("error.code", equalTo(-32600));
    }

    @Test
    void nonStringMethodIsInvalidRequest() {
        Mcp.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}").then()
                .statusCode(400)
                .body("error.code", equalTo(-32600));
    }

    @Test
    void unknownMethodIsMethodNotFound() {
        Mcp.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/frobnicate\"}").then()
                .statusCode(200)
                .body("id", equalTo(2))
                .body("error.code", equalTo(-32601));
    }

    @Test
    void toolsCallWithoutNameIsInvalidParams() {
        Mcp.post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"arguments\":{}}}").then()
                .statusCode(200)
                .body("error.code", equalTo(-32602));
    }

    @Test
    void unknownNotificationIsAcceptedSilently() {
        Mcp.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/whatever\"}").then()
                .statusCode(202)
                .body(emptyString());
    }

    @Test
    void batchesAreRejectedFromRevision20250618() {
        Mcp.request().header("MCP-Protocol-Version", "2025-06-18")
                .body("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]").post("/mcp").then()
                .statusCode(400)
                .body("error.code", equalTo(-32600));
    }

    @Test
    void batchesAreAnsweredIn20250326() {
        Mcp.request().header("MCP-Protocol-Version", "2025-03-26")
                .body("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
                        + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},"
                        + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"}]")
                .post("/mcp").then()
                .statusCode(200)
                .body("size()", equalTo(2))
                .body("[0].id", equalTo(1))
                .body("[1].error.code", equalTo(-32601));
    }

    @Test
    void batchOfNotificationsIsAccepted() {
        Mcp.request().header("MCP-Protocol-Version", "2025-03-26")
                .body("[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}]").post("/mcp").then()
                .statusCode(202);
    }

    @Test
    void errorsNeverLeakClassNames() {
        Mcp.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"lookup_customer\","
                + "\"arguments\":{\"customer_id\":\"abc\"}}}").then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString("java.")))
                .body(org.hamcrest.Matchers.not(containsString("Exception")));
    }

    @Test
    void oversizedBodyIsRejectedWithAJsonRpcError() {
        String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
                + "x".repeat(2 * 1024 * 1024) + "\"}}";
        Mcp.post(big).then()
                .statusCode(413)
                .body("error.code", equalTo(-32600));
    }
}

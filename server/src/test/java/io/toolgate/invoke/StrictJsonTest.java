package io.toolgate.invoke;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * JSON is read strictly wherever arguments enter (JsonReading): a duplicate key, content after the value, bytes that
 * are not UTF-8 and a lone UTF-16 surrogate are INVALID_JSON at the REST door (body and arguments string), in a batch,
 * over MCP and in a workflow's input, never a value chosen by the parser.
 */
@QuarkusTest
class StrictJsonTest {

    static final String MCP_ACCEPT = "application/json, text/event-stream";

    static Response rest(byte[] body) {
        return given().contentType("application/json").body(body).post("/tools/search_products/invoke");
    }

    static Response rest(String body) {
        return rest(body.getBytes(StandardCharsets.UTF_8));
    }

    /** A 2026-07-28 tools/call of search_products whose arguments object is written as given. */
    static Response mcp(byte[] arguments) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"search_products\","
                + "\"arguments\":").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(arguments);
        body.writeBytes((",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}").getBytes(StandardCharsets.UTF_8));
        return given().contentType("application/json").header("Accept", MCP_ACCEPT)
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call")
                .header("Mcp-Name", "search_products").body(body.toByteArray()).post("/mcp");
    }

    static byte[] withInvalidUtf8() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("{\"query\":\"lap".getBytes(StandardCharsets.UTF_8));
        b.write(0xC3); // a lead byte of a two-byte sequence...
        b.write(0x28); // ...followed by '(' instead of a continuation byte
        b.writeBytes("top\"}".getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    @Test
    void aDuplicateKeyIsRefusedNamingTheKey() {
        rest("{\"query\":\"laptop\",\"query\":\"chair\"}").then().statusCode(400)
                .body("error.code", equalTo("INVALID_JSON"))
                .body("error.message", containsString("Duplicate field 'query'"));
        // Inside the model's arguments string of an envelope.
        rest("{\"arguments\":\"{\\\"query\\\":\\\"laptop\\\",\\\"query\\\":\\\"chair\\\"}\"}").then().statusCode(400)
                .body("error.code", equalTo("INVALID_JSON"))
                .body("error.message", containsString("Duplicate field 'query'"));
        // In a nested object too.
        rest("{\"query\":\"laptop\",\"x\":{\"a\":1,\"a\":2}}").then().statusCode(400)
                .body("error.message", containsString("Duplicate field 'a'"));
    }

    @Test
    void contentAfterTheValueIsRefused() {
        rest("{\"query\":\"laptop\"} {\"query\":\"chair\"}").then().statusCode(400)
                .body("error.code", equalTo("INVALID_JSON"));
        rest("{\"query\":\"laptop\"}]").then().statusCode(400).body("error.code", equalTo("INVALID_JSON"));
        // White space after the value is fine.
        rest("{\"query\":\"laptop\"}\r\n  ").then().statusCode(200);
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNotReplaced() {
        rest(withInvalidUtf8()).then().statusCode(400).body("error.code", equalTo("INVALID_JSON"))
                .body("error.message", containsString("UTF-8"));
    }

    @Test
    void aLoneSurrogateIsRefusedNamingWhereItIs() {
        rest("{\"query\":\"lap\\ud800top\"}").then().statusCode(400).body("error.code", equalTo("INVALID_JSON"))
                .body("error.message", containsString("/query"))
                .body("error.message", containsString("lone UTF-16 surrogate"));
        rest("{\"query\":\"x\\udc00\"}").then().statusCode(400).body("error.code", equalTo("INVALID_JSON"));
        // A pair is one character (U+1F600) and passes.
        rest("{\"query\":\"laptop \\ud83d\\ude00\"}").then().statusCode(200);
    }

    @Test
    void theBatchDoorIsStrictForTheBodyAndEachArgumentsString() {
        given().contentType("application/json").body("{\"tool_calls\":[],\"tool_calls\":[]}").post("/tools/batch")
                .then().statusCode(400).body("error.code", equalTo("INVALID_JSON"));
        given().contentType("application/json").body("{\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"search_products\",\"arguments\":"
                + "\"{\\\"query\\\":\\\"a\\\",\\\"query\\\":\\\"b\\\"}\"}}]}").post("/tools/batch")
                .then().statusCode(200).body("results[0].error.code", equalTo("INVALID_JSON"))
                .body("results[0].error.message", containsString("Duplicate field 'query'"));
    }

    @Test
    void theMcpDoorIsStrict() {
        mcp("{\"query\":\"laptop\"}".getBytes(StandardCharsets.UTF_8)).then().statusCode(200)
                .body("result.structuredContent", org.hamcrest.Matchers.notNullValue());
        mcp("{\"query\":\"laptop\",\"query\":\"chair\"}".getBytes(StandardCharsets.UTF_8)).then().statusCode(400)
                .body("error.code", equalTo(-32700))
                .body("error.message", containsString("Duplicate field 'query'"));
        mcp(withInvalidUtf8()).then().statusCode(400).body("error.code", equalTo(-32700));
    }

    @Test
    void aWorkflowsInputIsStrict() {
        given().contentType("application/json").body("{\"order_id\":1,\"order_id\":2}")
                .post("/workflows/order_fulfillment/runs").then().statusCode(400)
                .body("error.code", equalTo("INVALID_JSON"))
                .body("error.message", containsString("Duplicate field 'order_id'"));
    }
}

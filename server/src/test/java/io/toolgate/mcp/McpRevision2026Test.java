package io.toolgate.mcp;

import static io.toolgate.mcp.McpCallersProfile.ALICE;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * Revision 2026-07-28 on {@code /mcp}: {@code server/discover}, the per-request envelope ({@code _meta} and the
 * MCP-Protocol-Version, Mcp-Method and Mcp-Name headers) with its error codes and HTTP statuses, the methods the
 * revision removed, the fields every result carries, and a 2025 client served beside it on the same endpoint.
 */
@QuarkusTest
@TestProfile(McpCallersProfile.class)
class McpRevision2026Test {

    private static ObjectNode list(Object id) {
        return Mcp.request2026(id, "tools/list", null, Mcp.capabilities());
    }

    private static ObjectNode greet(Object id) {
        return Mcp.call2026(id, "greet", "{\"name\":\"Ada\"}", Mcp.capabilities());
    }

    /** A refusal of the envelope: the status, the code and the request's own id. */
    private static ValidatableResponse refused(Response response, int status, int code, Object id) {
        return response.then().statusCode(status).contentType(startsWith("application/json"))
                .body("jsonrpc", equalTo("2.0"))
                .body("id", equalTo(id))
                .body("result", nullValue())
                .body("error.code", equalTo(code))
                .body("error.message", notNullValue());
    }

    @Test
    void discoverNamesEveryRevisionTheCapabilitiesAndTheServer() {
        Response response = Mcp.post2026(ALICE, Mcp.request2026("d-1", "server/discover", null, Mcp.capabilities()));
        response.then().statusCode(200).contentType(startsWith("application/json")).body("id", equalTo("d-1"));
        JsonNode result = Mcp.json(response.asString()).get("result");
        List<String> versions = new ArrayList<>();
        result.path("supportedVersions").forEach(v -> versions.add(v.asText()));
        assertTrue(versions.contains(Mcp.STATELESS), versions.toString());
        assertTrue(versions.containsAll(Mcp.SESSION_ERA), versions.toString());
        JsonNode capabilities = result.path("capabilities");
        for (String capability : List.of("tools", "prompts", "resources", "completions", "logging")) {
            assertTrue(capabilities.path(capability).isObject(), capability + " in " + capabilities);
        }
        assertTrue(capabilities.path("extensions").path(Mcp.TASKS).isObject(), capabilities.toString());
        assertEquals("complete", result.path("resultType").asText());
        assertEquals(60_000, result.path("ttlMs").asLong(), "toolgate.mcp.list-ttl, 60 s by default");
        assertEquals("private", result.path("cacheScope").asText());
        JsonNode server = result.path("_meta").path(Mcp.META_SERVER_INFO);
        assertEquals("toolgate", server.path("name").asText(), result.toString());
        assertFalse(server.path("version").asText().isEmpty());
        assertEquals("Use search_products before check_product_availability.", result.path("instructions").asText());
    }

    @Test
    void missingProtocolVersionHeaderIsAHeaderMismatch() {
        ObjectNode message = list(11);
        refused(Mcp.as(ALICE).header("Mcp-Method", "tools/list").body(message.toString()).post("/mcp"), 400, -32020,
                11);
    }

    @Test
    void missingMetaIsInvalidParams() {
        String withoutMeta = "{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"tools/list\",\"params\":{}}";
        refused(Mcp.headers2026(Mcp.as(ALICE), Mcp.json(withoutMeta)).body(withoutMeta).post("/mcp"), 400, -32602,
                12);
        String withoutParams = "{\"jsonrpc\":\"2.0\",\"id\":\"12b\",\"method\":\"tools/list\"}";
        refused(Mcp.headers2026(Mcp.as(ALICE), Mcp.json(withoutParams)).body(withoutParams).post("/mcp"), 400,
                -32602, "12b");
    }

    @Test
    void missingOrMalformedClientCapabilitiesAreInvalidParams() {
        ObjectNode message = list(13);
        ((ObjectNode) message.at("/params/_meta")).remove(Mcp.META_CAPABILITIES);
        refused(Mcp.post2026(ALICE, message), 400, -32602, 13)
                .body("error.message", org.hamcrest.Matchers.containsString("clientCapabilities"));
        ((ObjectNode) message.at("/params/_meta")).put(Mcp.META_CAPABILITIES, "elicitation");
        refused(Mcp.post2026(ALICE, message), 400, -32602, 13);
    }

    @Test
    void headerNamingAnotherRevisionThanMetaIsAHeaderMismatch() {
        ObjectNode message = list("m-1");
        ((ObjectNode) message.at("/params/_meta")).put(Mcp.META_VERSION, "2099-01-01");
        refused(Mcp.post2026(ALICE, message), 400, -32020, "m-1");
    }

    @Test
    void unsupportedRevisionNamesWhatIsSupported() {
        ObjectNode message = list(14);
        ((ObjectNode) message.at("/params/_meta")).put(Mcp.META_VERSION, "2099-01-01");
        refused(Mcp.as(ALICE).header("MCP-Protocol-Version", "2099-01-01").header("Mcp-Method", "tools/list")
                .body(message.toString()).post("/mcp"), 400, -32022, 14)
                .body("error.data.requested", equalTo("2099-01-01"))
                .body("error.data.supported", hasItems(Mcp.STATELESS, "2025-11-25", "2025-06-18", "2025-03-26"));
    }

    @Test
    void mcpMethodHeaderMustBePresentAndRepeatTheMethod() {
        ObjectNode message = greet(15);
        refused(Mcp.as(ALICE).header("MCP-Protocol-Version", Mcp.STATELESS).header("Mcp-Name", "greet")
                .body(message.toString()).post("/mcp"), 400, -32020, 15);
        refused(Mcp.as(ALICE).header("MCP-Protocol-Version", Mcp.STATELESS).header("Mcp-Method", "tools/list")
                .header("Mcp-Name", "greet").body(message.toString()).post("/mcp"), 400, -32020, 15);
        // Values are case-sensitive.
        refused(Mcp.as(ALICE).header("MCP-Protocol-Version", Mcp.STATELESS).header("Mcp-Method", "Tools/Call")
                .header("Mcp-Name", "greet").body(message.toString()).post("/mcp"), 400, -32020, 15);
    }

    @Test
    void mcpNameHeaderMustBePresentAndRepeatTheName() {
        ObjectNode message = greet("n-1");
        refused(Mcp.as(ALICE).header("MCP-Protocol-Version", Mcp.STATELESS).header("Mcp-Method", "tools/call")
                .body(message.toString()).post("/mcp"), 400, -32020, "n-1");
        refused(Mcp.as(ALICE).header("MCP-Protocol-Version", Mcp.STATELESS).header("Mcp-Method", "tools/call")
                .header("Mcp-Name", "test_simple_text").body(message.toString()).post("/mcp"), 400, -32020, "n-1");
        refused(Mcp.as(ALICE).header("MCP-Protocol-Version", Mcp.STATELESS).header("Mcp-Method", "tools/call")
                .header("Mcp-Name", "Greet").body(message.toString()).post("/mcp"), 400, -32020, "n-1");
    }

    @Test
    void whitespaceAroundMcpNameIsNotPartOfTheValue() {
        ObjectNode message = greet(16);
        Mcp.as(ALICE).header("MCP-Protocol-Version", " " + Mcp.STATELESS + " ").header("Mcp-Method", " tools/call\t")
                .header("Mcp-Name", "  greet \t").body(message.toString()).post("/mcp").then()
                .statusCode(200)
                .body("id", equalTo(16))
                .body("result.content[0].text", equalTo("Hello, Ada!"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "initialize", "ping", "logging/setLevel", "resources/subscribe",
            "resources/unsubscribe" })
    void methodsTheRevisionRemovedAreNotFound(String method) {
        ObjectNode params = Mcp.JSON.createObjectNode();
        switch (method) {
            case "initialize" -> params.put("protocolVersion", Mcp.STATELESS).putObject("capabilities");
            case "logging/setLevel" -> params.put("level", "debug");
            case "resources/subscribe", "resources/unsubscribe" -> params.put("uri", "test://static-text");
            default -> {
            }
        }
        refused(Mcp.post2026(ALICE, Mcp.request2026("r-" + method, method, params, Mcp.capabilities())), 404, -32601,
                "r-" + method);
    }

    @Test
    void unknownMethodIsNotFound() {
        refused(Mcp.post2026(ALICE, Mcp.request2026(17, "tools/frobnicate", null, Mcp.capabilities())), 404, -32601,
                17);
    }

    @Test
    void toolsListAndCallCarryTheResultFieldsOfTheRevision() {
        Response listed = Mcp.post2026(ALICE, list(18));
        listed.then().statusCode(200)
                .body("id", equalTo(18))
                .body("result.tools[0].name", notNullValue())
                .body("result.tools.size()", equalTo(3)) // the profile's page size
                .body("result.nextCursor", notNullValue())
                .body("result.resultType", equalTo("complete"))
                .body("result.ttlMs", equalTo(60_000))
                .body("result.cacheScope", equalTo("private"));
        assertEquals("toolgate", Mcp.json(listed.asString()).at("/result/_meta").path(Mcp.META_SERVER_INFO)
                .path("name").asText());
        // The cursor of page one leads to page two.
        ObjectNode next = list(19);
        ((ObjectNode) next.get("params")).put("cursor", listed.jsonPath().getString("result.nextCursor"));
        Mcp.post2026(ALICE, next).then().statusCode(200).body("result.tools.size()", equalTo(3))
                .body("result.resultType", equalTo("complete"));

        Mcp.post2026(ALICE, greet(20)).then().statusCode(200).contentType(startsWith("application/json"))
                .body("id", equalTo(20))
                .body("result.content[0].text", equalTo("Hello, Ada!"))
                .body("result.resultType", equalTo("complete"))
                // a call's result is not cacheable
                .body("result.ttlMs", nullValue())
                .body("result.cacheScope", nullValue());
    }

    @Test
    void aToolErrorIsACompleteResultAndAnUnknownToolInvalidParams() {
        Mcp.post2026(ALICE, Mcp.call2026(21, "test_error_handling", "{}", Mcp.capabilities())).then().statusCode(200)
                .body("result.isError", equalTo(true))
                .body("result.resultType", equalTo("complete"));
        refused(Mcp.post2026(ALICE, Mcp.call2026(22, "no_such_tool", "{}", Mcp.capabilities())), 200, -32602, 22);
    }

    @Test
    void a2025ClientIsServedOnTheSameEndpointBesideA2026One() {
        String session = Mcp.as(ALICE).body(Mcp.initializeBody("2025-11-25")).post("/mcp").then().statusCode(200)
                .body("result.protocolVersion", equalTo("2025-11-25"))
                .body("result.capabilities.tools.listChanged", equalTo(true))
                // the tasks extension belongs to 2026-07-28
                .body("result.capabilities.extensions", nullValue())
                .extract().header("Mcp-Session-Id");
        assertTrue(session != null && !session.isEmpty());

        Mcp.post2026(ALICE, greet("new-1")).then().statusCode(200).body("result.resultType", equalTo("complete"));

        Mcp.as(ALICE).header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25")
                .body("{\"jsonrpc\":\"2.0\",\"id\":\"old-1\",\"method\":\"ping\"}").post("/mcp").then()
                .statusCode(200).body("id", equalTo("old-1")).body("result.size()", equalTo(0));
        Mcp.as(ALICE).header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25")
                .body("{\"jsonrpc\":\"2.0\",\"id\":\"old-2\",\"method\":\"tools/list\"}").post("/mcp").then()
                .statusCode(200)
                .body("result.tools.size()", equalTo(3))
                // no 2026-07-28 fields on a 2025 result
                .body("result.resultType", nullValue())
                .body("result.ttlMs", nullValue())
                .body("result._meta", nullValue());
        Mcp.as(ALICE).header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25")
                .body(Mcp.call(3, "greet", "{\"name\":\"Bo\"}")).post("/mcp").then().statusCode(200)
                .body("result.content[0].text", equalTo("Hello, Bo!"))
                .body("result.resultType", nullValue());
        // server/discover is not part of 2025: not found, on the 2025 status rules (200)
        Mcp.as(ALICE).header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25")
                .body("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"server/discover\"}").post("/mcp").then()
                .statusCode(200).body("error.code", equalTo(-32601));

        Mcp.post2026(ALICE, greet("new-2")).then().statusCode(200).body("result.content[0].text",
                equalTo("Hello, Ada!"));
    }
}

package io.toolgate.mcp;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Request helpers shared by the MCP door tests. */
final class Mcp {

    static final String ACCEPT = "application/json, text/event-stream";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The stateless revision, and the 2025 revisions the same endpoint still serves. */
    static final String STATELESS = "2026-07-28";
    static final List<String> SESSION_ERA = List.of("2025-11-25", "2025-06-18", "2025-03-26");
    static final String TASKS = "io.modelcontextprotocol/tasks";
    static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
    static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";
    static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";
    static final String META_SUBSCRIPTION = "io.modelcontextprotocol/subscriptionId";

    private Mcp() {
    }

    static RequestSpecification request() {
        return given().contentType("application/json").header("Accept", ACCEPT);
    }

    /** A request as the caller with this API key (profiles with authentication on, e.g. McpCallersProfile). */
    static RequestSpecification as(String apiKey) {
        return request().header("X-API-Key", apiKey);
    }

    static Response post(String body) {
        return request().body(body).post("/mcp");
    }

    static Response post(String sessionId, String body) {
        return request().header("Mcp-Session-Id", sessionId).body(body).post("/mcp");
    }

    static String initializeBody(String version) {
        return initializeBody(version, "{}");
    }

    static String initializeBody(String version, String capabilities) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + version
                + "\",\"capabilities\":" + capabilities + ",\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
    }

    /** Initializes a session and returns its id. */
    static String initialize() {
        return post(initializeBody("2025-11-25")).then().statusCode(200).extract().header("Mcp-Session-Id");
    }

    /** Initializes a 2025-11-25 session as this caller, declaring these client capabilities; returns its id. */
    static String initialize(String apiKey, String capabilities) {
        return as(apiKey).body(initializeBody("2025-11-25", capabilities)).post("/mcp").then().statusCode(200)
                .extract().header("Mcp-Session-Id");
    }

    static String call(int id, String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }

    // ---- revision 2026-07-28 -------------------------------------------------------------------------------------

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Client capabilities naming these (elicitation, sampling, roots) as empty objects. */
    static ObjectNode capabilities(String... names) {
        ObjectNode capabilities = JSON.createObjectNode();
        for (String name : names) {
            capabilities.putObject(name);
        }
        return capabilities;
    }

    /** The capabilities plus the tasks extension. */
    static ObjectNode withTasks(ObjectNode capabilities) {
        capabilities.putObject("extensions").putObject(TASKS);
        return capabilities;
    }

    /** A 2026-07-28 request: {@code params._meta} names the revision and the client's capabilities. */
    static ObjectNode request2026(Object id, String method, ObjectNode params, ObjectNode capabilities) {
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0");
        message.set("id", JSON.valueToTree(id));
        message.put("method", method);
        ObjectNode p = params == null ? JSON.createObjectNode() : params.deepCopy();
        ObjectNode meta = p.putObject("_meta");
        meta.put(META_VERSION, STATELESS);
        meta.set(META_CAPABILITIES, capabilities == null ? JSON.createObjectNode() : capabilities);
        message.set("params", p);
        return message;
    }

    /** A 2026-07-28 tools/call. */
    static ObjectNode call2026(Object id, String tool, String arguments, ObjectNode capabilities) {
        ObjectNode params = JSON.createObjectNode().put("name", tool);
        params.set("arguments", json(arguments));
        return request2026(id, "tools/call", params, capabilities);
    }

    /** The routing headers a correct 2026-07-28 client sends for the message. */
    static RequestSpecification headers2026(RequestSpecification spec, JsonNode message) {
        spec = spec.header("MCP-Protocol-Version", STATELESS).header("Mcp-Method", message.path("method").asText());
        String name = RoutingHeaders.nameOf(message.path("method").asText(), message.path("params"));
        return name == null ? spec : spec.header("Mcp-Name", name);
    }

    /** Posts a 2026-07-28 message, with its headers, as the caller with this API key. */
    static Response post2026(String apiKey, JsonNode message) {
        return headers2026(as(apiKey), message).body(message.toString()).post("/mcp");
    }

    /** The messages of a response: the one JSON body, or every event of an SSE stream in order. */
    static List<JsonNode> messages(Response response) {
        String body = response.asString();
        String type = response.contentType() == null ? "" : response.contentType();
        List<JsonNode> messages = new ArrayList<>();
        if (!type.startsWith("text/event-stream")) {
            if (!body.isEmpty()) {
                messages.add(json(body));
            }
            return messages;
        }
        for (String line : body.split("\n")) {
            if (line.startsWith("data:")) {
                messages.add(json(line.substring(5).strip()));
            }
        }
        return messages;
    }

    /** The last message of a response (the response itself, after any notifications). */
    static JsonNode response(Response response) {
        List<JsonNode> messages = messages(response);
        assertEquals(false, messages.isEmpty(), "no message in " + response.asString());
        return messages.get(messages.size() - 1);
    }
}

package io.toolgate.mcp;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Request helpers shared by the MCP door tests. */
final class Mcp {

    static final String ACCEPT = "application/json, text/event-stream";

    private Mcp() {
    }

    static RequestSpecification request() {
        return given().contentType("application/json").header("Accept", ACCEPT);
    }

    static Response post(String body) {
        return request().body(body).post("/mcp");
    }

    static Response post(String sessionId, String body) {
        return request().header("Mcp-Session-Id", sessionId).body(body).post("/mcp");
    }

    static String initializeBody(String version) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + version
                + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
    }

    /** Initializes a session and returns its id. */
    static String initialize() {
        return post(initializeBody("2025-11-25")).then().statusCode(200).extract().header("Mcp-Session-Id");
    }

    static String call(int id, String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }
}

package io.toolgate.mcp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** {@code sessions=none}: what instances behind a load balancer without affinity run. */
@QuarkusTest
@TestProfile(McpStatelessTest.Stateless.class)
class McpStatelessTest {

    public static class Stateless implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("toolgate.mcp.sessions", "none");
        }
    }

    @Test
    void initializeIssuesNoSession() {
        Mcp.post(Mcp.initializeBody("2025-11-25")).then()
                .statusCode(200)
                .header("Mcp-Session-Id", nullValue())
                .body("result.protocolVersion", equalTo("2025-11-25"));
    }

    @Test
    void everyRequestStandsAlone() {
        Mcp.request().header("MCP-Protocol-Version", "2025-11-25").header("Mcp-Session-Id", "from-another-instance")
                .body(Mcp.call(1, "lookup_customer", "{\"customer_id\":12345}")).post("/mcp").then()
                .statusCode(200)
                .body("result.structuredContent.customer_id", equalTo(12345));
    }

    @Test
    void deleteIsNotAllowed() {
        given().header("Mcp-Session-Id", "x").delete("/mcp").then().statusCode(405);
    }
}

package io.toolgate.mcp;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(McpSessionRequiredTest.Required.class)
class McpSessionRequiredTest {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    public static class Required implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("toolgate.mcp.sessions", "required", "toolgate.mcp.session-idle-timeout", "1s");
        }
    }

    @Test
    void requestsWithoutSessionAreRejected() {
        Mcp.post(PING).then().statusCode(400);
        given().header("Accept", "text/event-stream").get("/mcp").then().statusCode(400);
    }

    @Test
    void requestsWithSessionAreServed() {
        Mcp.post(Mcp.initialize(), PING).then().statusCode(200);
    }

    @Test
    void idleSessionsExpire() throws InterruptedException {
        String session = Mcp.initialize();
        Mcp.post(session, PING).then().statusCode(200);
        Thread.sleep(1500);
        Mcp.post(session, PING).then().statusCode(404);
    }
}

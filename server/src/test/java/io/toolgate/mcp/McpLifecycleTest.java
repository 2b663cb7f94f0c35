package io.toolgate.mcp;

import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(McpFixturesProfile.class)
class McpLifecycleTest {

    @ParameterizedTest
    @ValueSource(strings = { "2025-11-25", "2025-06-18", "2025-03-26" })
    void initializeEchoesASupportedRevision(String version) {
        Mcp.post(Mcp.initializeBody(version)).then()
                .statusCode(200)
                .contentType("application/json")
                .header("Mcp-Session-Id", matchesPattern("[A-Za-z0-9_-]{22,}\\.[A-Za-z0-9_-]{22}"))
                .body("jsonrpc", equalTo("2.0"))
                .body("id", equalTo(1))
                .body("result.protocolVersion", equalTo(version))
                .body("result.serverInfo.name", equalTo("toolgate"))
                .body("result.serverInfo.version", notNullValue())
                .body("result.capabilities.tools.listChanged", is(true))
                .body("result.instructions", equalTo("Use search_products before check_product_availability."));
    }

    @Test
    void initializeAnswersTheLatestRevisionForAnUnknownOne() {
        Mcp.post(Mcp.initializeBody("1999-01-01")).then()
                .statusCode(200)
                .body("result.protocolVersion", equalTo("2025-11-25"));
    }

    @Test
    void initializeWithoutProtocolVersionIsInvalidParams() {
        Mcp.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}").then()
                .statusCode(200)
                .body("error.code", equalTo(-32602));
    }

    @Test
    void sessionIdsAreUnique() {
        assertNotEquals(Mcp.initialize(), Mcp.initialize());
    }

    @Test
    void initializedNotificationIsAcceptedWithoutBody() {
        String session = Mcp.initialize();
        Mcp.post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").then()
                .statusCode(202)
                .body(emptyString());
    }

    @Test
    void pingAnswersAnEmptyObject() {
        String session = Mcp.initialize();
        Mcp.post(session, "{\"jsonrpc\":\"2.0\",\"id\":\"p-1\",\"method\":\"ping\"}").then()
                .statusCode(200)
                .body("id", equalTo("p-1"))
                .body("result.size()", equalTo(0));
    }
}

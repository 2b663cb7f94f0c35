package io.toolgate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Runs against the packaged jar (prod profile), so it checks the artefact that ships; and it is the training run for
 * the JDK 25 AOT cache: with {@code -Dquarkus.package.jar.aot.enabled=true -Dquarkus.package.jar.aot.type=AOT}
 * (built and verified on JDK 25) Quarkus launches the jar for this test under {@code -XX:AOTMode=record} and writes
 * {@code target/quarkus-app/app.aot} when it stops. What the test touches is what the cache holds besides start-up:
 * listing tools in every format, the REST and MCP doors, a batch, health and metrics. Keep it to one
 * {@code @QuarkusIntegrationTest} class: each such class is a separate training run and the last one wins.
 */
@QuarkusIntegrationTest
class TrainingIT {

    @Test
    void listsAndCallsToolsThroughEveryDoor() {
        io.toolgate.support.Readiness.await(); // the database is migrated beside start-up
        given().get("/tools").then().statusCode(200)
                .body("tools.name", hasItems("search_products", "calculate_tax"));
        given().get("/tools?format=openai").then().statusCode(200);
        given().get("/tools?format=anthropic").then().statusCode(200);
        given().get("/tools/search_products").then().statusCode(200);

        given().contentType("application/json").body("{\"query\":\"laptop\"}")
                .post("/tools/search_products/invoke").then().statusCode(200);
        given().contentType("application/json").body("{\"amount\":10,\"state\":\"CA\"}")
                .post("/tools/calculate_tax/invoke").then().statusCode(200);
        given().contentType("application/json").body("{\"query\":\"\"}")
                .post("/tools/search_products/invoke").then().statusCode(422)
                .body("error.code", equalTo("VALIDATION_ERROR"));
        given().contentType("application/json")
                .body("{\"tool_calls\":[{\"id\":\"a\",\"function\":{\"name\":\"calculate_tax\","
                        + "\"arguments\":\"{\\\"amount\\\":5,\\\"state\\\":\\\"NY\\\"}\"}},{\"id\":\"b\","
                        + "\"function\":{\"name\":\"search_products\",\"arguments\":\"{\\\"query\\\":\\\"mouse\\\"}\"}}]}")
                .post("/tools/batch").then().statusCode(200);

        String session = mcp(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"training\","
                + "\"version\":\"1\"}}}").then().statusCode(200).extract().header("Mcp-Session-Id");
        mcp(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        mcp(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}").then().statusCode(200)
                .body("result.tools.name", hasItems("search_products"));
        mcp(session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"search_products\","
                + "\"arguments\":{\"query\":\"laptop\"}}}").then().statusCode(200)
                .body("result.content", notNullValue()).body("error", nullValue());

        given().get("/q/metrics").then().statusCode(200).body(notNullValue());
    }

    private static io.restassured.response.Response mcp(String session, String body) {
        var request = given().contentType("application/json").header("Accept", "application/json, text/event-stream");
        if (session != null) {
            request = request.header("Mcp-Session-Id", session);
        }
        return request.body(body).post("/mcp");
    }
}

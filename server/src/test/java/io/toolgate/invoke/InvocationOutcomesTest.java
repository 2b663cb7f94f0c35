package io.toolgate.invoke;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolExecutor;
import io.toolgate.tool.ToolHints;
import io.toolgate.tool.ToolPolicy;
import io.toolgate.tool.ToolRegistry;
import jakarta.inject.Inject;

/** Every error code with its HTTP status, through the REST door, and the call history that records them. */
@QuarkusTest
class InvocationOutcomesTest {

    @Inject
    ToolRegistry registry;

    private static Response invoke(String tool, String body) {
        return given().contentType("application/json").body(body).post("/tools/" + tool + "/invoke");
    }

    @Test
    void successCarriesTheEnvelope() {
        invoke("echo_all_types", """
                {"text":"hi","count":2,"ratio":0.5,"unit":"celsius","tags":["a"],"scores":[3,1],
                 "address":{"street":"Main St 1","country":"DE"},"loud":true}""")
                .then().statusCode(200)
                .body("success", equalTo(true))
                .body("tool", equalTo("echo_all_types"))
                .body("result.text", equalTo("HI"))
                .body("result.address.country", equalTo("DE"))
                .body("execution_time_ms", notNullValue());
    }

    @Test
    void rawArgumentsStringAndToolCallIdPassThrough() {
        given().contentType("application/json")
                .body("{\"arguments\": \"{\\\"millis\\\": 1}\", \"tool_call_id\": \"call_42\"}")
                .post("/tools/sleep_for_millis/invoke")
                .then().statusCode(200)
                .body("tool_call_id", equalTo("call_42"))
                .body("result", equalTo("slept 1 ms"));
    }

    @Test
    void unknownToolIs404WithSuggestions() {
        invoke("serch_products", "{}").then().statusCode(404)
                .body("error.code", equalTo("FUNCTION_NOT_FOUND"))
                .body("error.message", containsString("search_products"));
    }

    @Test
    void brokenJsonIs400WithThePosition() {
        invoke("search_products", "{\"query\": \"laptop\"").then().statusCode(400)
                .body("error.code", equalTo("INVALID_JSON"))
                .body("error.message", containsString("line 1, column"));
        given().contentType("application/json").body("{\"arguments\": \"{not json\"}")
                .post("/tools/search_products/invoke").then().statusCode(400)
                .body("error.code", equalTo("INVALID_JSON"));
    }

    @Test
    void allViolationsOfOneCallAreReportedTogether() {
        invoke("search_products", "{\"category\":\"toys\",\"max_price\":-5,\"colour\":\"red\"}")
                .then().statusCode(422)
                .body("error.code", equalTo("VALIDATION_ERROR"))
                .body("error.details", hasSize(4))
                .body("error.details.find { it.field == 'query' }.rule", equalTo("required"))
                .body("error.details.find { it.field == 'category' }.rule", equalTo("enum"))
                .body("error.details.find { it.field == 'category' }.message",
                        equalTo("must be one of [\"electronics\", \"clothing\", \"home\", \"sports\", \"books\"],"
                                + " got \"toys\""))
                .body("error.details.find { it.field == 'max_price' }.rule", equalTo("exclusiveMinimum"))
                .body("error.details.find { it.field == 'max_price' }.message", equalTo("must be > 0, got -5"))
                .body("error.details.find { it.field == 'colour' }.rule", equalTo("additionalProperties"));
    }

    @Test
    void nestedAndTypeViolationsNameTheirPath() {
        invoke("calculate_total_price", "{\"items\":[{\"product_id\":\"LAP-001\",\"quantity\":\"two\"}],"
                + "\"destination_state\":\"CA\"}")
                .then().statusCode(422)
                .body("error.details[0].field", equalTo("items[0].quantity"))
                .body("error.details[0].rule", equalTo("type"));
    }

    @Test
    void beanValidationIsTheThirdLayer() {
        // The schema only knows "two capital letters"; the custom @UsState constraint knows ZZ is no state.
        invoke("calculate_tax", "{\"amount\":10,\"state\":\"ZZ\"}").then().statusCode(422)
                .body("error.details[0].field", equalTo("state"))
                .body("error.details[0].rule", equalTo("usState"))
                .body("error.details[0].message", containsString("got \"ZZ\""));
    }

    @Test
    void oversizedBodyIs413() {
        String big = "{\"query\":\"" + "a".repeat(1_100_000) + "\"}";
        invoke("search_products", big).then().statusCode(413)
                .body("error.code", equalTo("PAYLOAD_TOO_LARGE"));
    }

    @Test
    void tooDeeplyNestedArgumentsAre413() {
        String deep = "{\"query\":" + "[".repeat(100) + "]".repeat(100) + "}";
        invoke("search_products", deep).then().statusCode(413)
                .body("error.code", equalTo("PAYLOAD_TOO_LARGE"));
    }

    @Test
    void aSlowToolIsCutNearItsTimeout() {
        // Measured server-side: the client's first request carries rest-assured's own warm-up.
        float tookMs = invoke("sleep_for_millis", "{\"millis\": 5000}").then().statusCode(504)
                .body("error.code", equalTo("TIMEOUT"))
                .body("error.message", containsString("300 ms"))
                .extract().path("execution_time_ms");
        assertThat(tookMs).isBetween(250f, 1500f);
    }

    @Test
    void aFullBulkheadAnswersBusyWithRetryAfter() throws Exception {
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Integer>> holders = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                holders.add(CompletableFuture.supplyAsync(
                        () -> invoke("hold_slot", "{\"millis\": 2000}").statusCode(), clients));
            }
            awaitInFlight("hold_slot", 2);
            invoke("hold_slot", "{\"millis\": 1}").then().statusCode(503)
                    .header("Retry-After", "1")
                    .body("error.code", equalTo("BUSY"))
                    .body("error.message", containsString("2 concurrent calls"));
            assertThat(holders.stream().map(CompletableFuture::join)).containsOnly(200);
        } finally {
            clients.shutdownNow();
        }
    }

    /** Waits until the in-flight gauge shows both slots taken, instead of guessing with a sleep. */
    private static void awaitInFlight(String tool, int expected) throws InterruptedException {
        String series = "toolgate_tool_in_flight{tool=\"" + tool + "\"} " + expected + ".0";
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline) {
            if (given().get("/q/metrics").asString().contains(series)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the tool never had " + expected + " calls in flight");
    }

    @Test
    void aToolsRefusalIs422AndAnUnexpectedFailure500WithTheToolsMessageOnly() {
        invoke("fail_with_message", "{}").then().statusCode(422)
                .body("error.code", equalTo("TOOL_REFUSED"))
                .body("error.message", equalTo(
                        "Tool 'fail_with_message' refused the request: the warehouse is closed on Sundays"));
        invoke("fail_with_bug", "{}").then().statusCode(500)
                .body("error.code", equalTo("EXECUTION_ERROR"))
                .body("error.message", not(containsString("NullPointerException")))
                .body("error.message", not(containsString("java.")))
                .body("error.message", not(containsString("\tat ")));
    }

    @Test
    void aBugInToolgateIsUnknownError() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        registry.register(new ToolDefinition("explode_in_binding", null, "A tool whose binding step has a bug.",
                schema, null, new ToolHints(false, false, false, false), new ToolPolicy(Duration.ofSeconds(1), 1),
                new ToolExecutor() {
                    @Override
                    public io.toolgate.tool.PreparedCall prepare(ObjectNode arguments, io.toolgate.security.Caller caller) {
                        throw new IllegalStateException("bug");
                    }

                    @Override
                    public boolean blocking() {
                        return true;
                    }
                }, "test"));
        try {
            invoke("explode_in_binding", "{}").then().statusCode(500)
                    .body("error.code", equalTo("UNKNOWN_ERROR"))
                    .body("error.message", not(containsString("bug")));
        } finally {
            registry.unregister("explode_in_binding");
        }
    }

    @Test
    void asyncToolsWork() {
        invoke("greet_async", "{\"name\":\"Ada\"}").then().statusCode(200).body("result", equalTo("Hello, Ada"));
        invoke("greet_uni", "{\"name\":\"Ada\"}").then().statusCode(200).body("result", equalTo("Hi, Ada"));
        // A nonBlocking tool runs where the request arrived, with no hop to a worker thread.
        invoke("report_thread_kind", "{}").then().statusCode(200).body("result", equalTo("event loop"));
    }

    @Test
    void historyRecordsCallsWithSensitiveValuesRedacted() {
        registry.find("echo_all_types").orElseThrow();
        invoke("search_products", "{\"query\":\"laptop\",\"api_key\":\"sk-secret-value\"}");
        String calls = given().get("/calls?tool=search_products&limit=5").then().statusCode(200)
                .body("calls[0].tool", equalTo("search_products"))
                .body("calls[0].code", equalTo("VALIDATION_ERROR"))
                .body("calls[0].arguments.api_key", containsString("sha256:"))
                .extract().asString();
        assertThat(calls).doesNotContain("sk-secret-value");
        given().get("/calls?limit=0").then().statusCode(400);
    }
}

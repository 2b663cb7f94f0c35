package io.toolgate.bridge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Recorded provider responses in, messages the provider accepts out, run in parallel with per-call results. */
@QuarkusTest
class BatchBridgeTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/bridge/" + name)) {
            return mapper.readTree(in);
        }
    }

    private static ValidatableResponse batch(String query, Object body) {
        return given().contentType("application/json").body(body.toString()).post("/tools/batch" + query).then();
    }

    private Set<ValidationMessage> violations(String schema, String json) throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(resource(schema))
                .validate(mapper.readTree(json));
    }

    @Test
    void recordedOpenAiToolCallsBecomeToolMessages() throws IOException {
        JsonNode message = resource("openai-response.json").at("/choices/0/message");
        String out = batch("?format=openai", message).statusCode(200)
                .body("messages.tool_call_id", contains("call_a1", "call_a2", "call_a3"))
                .body("messages.role", contains("tool", "tool", "tool"))
                .extract().asString();
        assertThat(violations("openai-tool-messages.schema.json", out)).isEmpty();
        JsonNode messages = mapper.readTree(out).get("messages");
        assertThat(mapper.readTree(messages.get(0).get("content").asText()).get("count").asInt()).isPositive();
        assertThat(messages.get(1).get("content").asText()).contains("VALIDATION_ERROR").contains("state");
        assertThat(messages.get(2).get("content").asText()).contains("INVALID_JSON");
    }

    @Test
    void recordedAnthropicToolUseBecomesOneUserMessage() throws IOException {
        JsonNode response = resource("anthropic-response.json");
        String out = batch("?format=anthropic", response).statusCode(200)
                .body("role", equalTo("user"))
                .body("content.tool_use_id", contains("toolu_01", "toolu_02", "toolu_03"))
                .body("content.is_error", contains(false, false, true))
                .extract().asString();
        assertThat(violations("anthropic-tool-results.schema.json", out)).isEmpty();
        JsonNode content = mapper.readTree(out).get("content");
        assertThat(content.get(0).get("content").asText()).contains("Alice Johnson");
        assertThat(content.get(2).get("content").asText()).contains("FUNCTION_NOT_FOUND");
        // The bare content array is accepted too.
        batch("?format=anthropic", response.get("content")).statusCode(200)
                .body("content.size()", equalTo(3));
    }

    @Test
    void defaultFormatListsResultsInInputOrderWithMixedOutcomes() {
        String body = """
                {"tool_calls":[
                  {"id":"c1","type":"function","function":{"name":"sleep_for_millis","arguments":"{\\"millis\\":150}"}},
                  {"id":"c2","type":"function","function":{"name":"fail_with_message","arguments":"{}"}},
                  {"id":"c3","type":"function","function":{"name":"sleep_for_millis","arguments":{"millis":2000}}},
                  {"id":"c4","type":"function","function":{"name":"greet_async","arguments":{"name":"Ada"}}},
                  {"id":"c5","type":"function","function":{"arguments":"{}"}},
                  {"id":"c6","type":"function","function":{"name":"sleep_for_millis","arguments":"{\\"millis\\":1}"}}
                ]}""";
        batch("", body).statusCode(200)
                .body("results.tool_call_id", contains("c1", "c2", "c3", "c4", "c5", "c6"))
                .body("results.success", contains(true, false, false, true, false, true))
                .body("results[1].error.code", equalTo("TOOL_REFUSED"))
                .body("results[2].error.code", equalTo("TIMEOUT"))
                .body("results[3].result", equalTo("Hello, Ada"))
                .body("results[4].error.code", equalTo("VALIDATION_ERROR"))
                .body("results[4].error.message", containsString("function.name is missing"))
                .body("results[5].result", equalTo("slept 1 ms"));
    }

    @Test
    void callsOfABatchRunInParallel() {
        StringBuilder calls = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            calls.append(i == 0 ? "" : ",").append("{\"id\":\"p").append(i)
                    .append("\",\"type\":\"function\",\"function\":{\"name\":\"sleep_for_millis\",")
                    .append("\"arguments\":\"{\\\"millis\\\":200}\"}}");
        }
        float wall = batch("", "{\"tool_calls\":[" + calls + "]}").statusCode(200)
                .body("results.success", org.hamcrest.Matchers.everyItem(equalTo(true)))
                .extract().path("wall_time_ms");
        // Ten 200 ms calls in sequence take 2000 ms; in parallel about 200 ms.
        assertThat(wall).isLessThan(1000f);
    }

    @Test
    void unfinishedCallsAreTimedOutAtTheBatchDeadline() {
        String body = "{\"tool_calls\":[{\"id\":\"slow\",\"function\":{\"name\":\"hold_slot\",\"arguments\":"
                + "\"{\\\"millis\\\":3000}\"}},{\"id\":\"fast\",\"function\":{\"name\":\"greet_uni\","
                + "\"arguments\":\"{\\\"name\\\":\\\"Bo\\\"}\"}}]}";
        float wall = batch("?deadline_ms=400", body).statusCode(200)
                .body("results[0].error.code", equalTo("TIMEOUT"))
                .body("results[0].error.message", containsString("batch deadline of 400 ms"))
                .body("results[1].result", equalTo("Hi, Bo"))
                .extract().path("wall_time_ms");
        assertThat(wall).isLessThan(2000f);
        // The abandoned call was stopped, not left running: it is recorded as cancelled well before its 3 s.
        given().get("/calls?tool=hold_slot&limit=1").then().body("calls[0].code", equalTo("CANCELLED"));
        batch("?deadline_ms=0", body).statusCode(400).body("error.details[0].field", equalTo("deadline_ms"));
    }

    @Test
    void wholeBatchRefusals() {
        String dup = "{\"tool_calls\":[{\"id\":\"x\",\"function\":{\"name\":\"greet_uni\",\"arguments\":\"{}\"}},"
                + "{\"id\":\"x\",\"function\":{\"name\":\"greet_uni\",\"arguments\":\"{}\"}}]}";
        batch("", dup).statusCode(400).body("error.details[0].rule", equalTo("unique"))
                .body("error.message", containsString("\"x\""));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 33; i++) {
            many.append(i == 0 ? "" : ",").append("{\"id\":\"m").append(i)
                    .append("\",\"function\":{\"name\":\"greet_uni\",\"arguments\":\"{}\"}}");
        }
        batch("", "{\"tool_calls\":[" + many + "]}").statusCode(413)
                .body("error.code", equalTo("PAYLOAD_TOO_LARGE"));
        batch("", "{\"messages\":[]}").statusCode(400).body("error.details[0].field", equalTo("(body)"));
        batch("", "{not json").statusCode(400).body("error.code", equalTo("INVALID_JSON"));
        batch("?format=cohere", "{\"tool_calls\":[]}").statusCode(400).body("error.details[0].field", equalTo("format"));
    }

    @Test
    void idempotentToolsAreRetriedAndOthersAreNot() {
        String key = "k" + System.nanoTime();
        given().contentType("application/json").body("{\"key\":\"" + key + "\",\"failures\":2}")
                .post("/tools/flaky_counter/invoke").then().statusCode(200).body("result", equalTo(3));
        given().get("/tools/flaky_counter").then().body("policy.retry.max_retries", equalTo(2));
        given().get("/tools/always_broken").then().body("policy.retry.max_retries", equalTo(0));
    }

    @Test
    void aFailingToolOpensItsBreakerAndSaysWhenItCloses() {
        for (int i = 0; i < 4; i++) {
            given().post("/tools/always_broken/invoke").then().statusCode(500);
        }
        given().post("/tools/always_broken/invoke").then().statusCode(503)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("error.code", equalTo("CIRCUIT_OPEN"))
                .body("error.message", containsString("accepts calls again in"));
        given().get("/tools/always_broken").then().body("policy.circuit_breaker.request_volume", equalTo(4))
                .body("policy.circuit_breaker.state", equalTo("open"));
    }

    @Test
    void oversizedResultsAreCutAndMarked() {
        List<String> rows = given().contentType("application/json").body("{\"count\":3000}")
                .post("/tools/list_many_rows/invoke").then().statusCode(200)
                .body("truncated", equalTo(true))
                .body("original_size", org.hamcrest.Matchers.greaterThan(300_000))
                .extract().path("result");
        assertThat(rows).isNotEmpty().hasSizeLessThan(3000);
        assertThat(String.join("", rows).length()).isLessThanOrEqualTo(102_400);
        given().contentType("application/json").body("{\"count\":3}").post("/tools/list_many_rows/invoke")
                .then().statusCode(200).body("truncated", org.hamcrest.Matchers.nullValue());
    }
}

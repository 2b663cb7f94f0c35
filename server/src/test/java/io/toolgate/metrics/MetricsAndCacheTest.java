package io.toolgate.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MetricsAndCacheTest {

    private static int call(String tool, String args) {
        return given().contentType("application/json").body(args).post("/tools/" + tool + "/invoke").statusCode();
    }

    private static double metric(String metrics, String name, String... labels) {
        for (String line : metrics.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                Matcher m = Pattern.compile("} ([0-9.E+-]+)$").matcher(line);
                if (m.find()) {
                    return Double.parseDouble(m.group(1));
                }
            }
        }
        return -1;
    }

    @Test
    void callsShowUpWithToolOutcomeAndCodeTags() {
        call("search_products", "{\"query\":\"tent\"}");
        call("search_products", "{\"query\":\"tent\"}");
        call("search_products", "{\"query\":5}");
        call("made_up_tool_" + System.nanoTime(), "{}");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metric(metrics, "toolgate_tool_calls_total", "tool=\"search_products\"", "outcome=\"success\""))
                .isGreaterThanOrEqualTo(2);
        assertThat(metric(metrics, "toolgate_tool_calls_total", "tool=\"search_products\"",
                "code=\"VALIDATION_ERROR\"")).isGreaterThanOrEqualTo(1);
        assertThat(metric(metrics, "toolgate_tool_calls_total", "tool=\"(unknown)\"", "code=\"FUNCTION_NOT_FOUND\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(metrics).doesNotContain("made_up_tool_");
        assertThat(metric(metrics, "toolgate_tool_duration_seconds", "tool=\"search_products\"",
                "quantile=\"0.99\"")).isGreaterThan(0);
        assertThat(metric(metrics, "toolgate_tool_in_flight", "tool=\"search_products\"")).isEqualTo(0);
        assertThat(metric(metrics, "toolgate_tool_bulkhead_rejections_total", "tool=\"search_products\""))
                .isEqualTo(0);
        // SmallRye's own ft_* meters are off: Toolgate's per-tool meters above say the same, at less cost per call.
        assertThat(metrics).doesNotContainPattern("(?m)^ft_");
        // So are Quarkus's per-request HTTP meters (build-time choice): every MCP call would be the one URI /mcp.
        assertThat(metrics).doesNotContainPattern("(?m)^http_server_requests");
    }

    @Test
    void deterministicResultsAreCachedUntilTheirTtlAndCountedAsHitsAndMisses() throws Exception {
        String label = "{\"label\":\"l" + System.nanoTime() + "\"}";
        int first = given().contentType("application/json").body(label).post("/tools/count_executions/invoke")
                .then().statusCode(200).extract().path("result");
        given().contentType("application/json").body(label).post("/tools/count_executions/invoke")
                .then().statusCode(200).body("result", equalTo(first));
        Thread.sleep(600);
        int third = given().contentType("application/json").body(label).post("/tools/count_executions/invoke")
                .then().statusCode(200).extract().path("result");
        assertThat(third).isGreaterThan(first);
        // Argument order does not matter: the key is canonical JSON.
        call("calculate_tax", "{\"amount\":10,\"state\":\"CA\"}");
        call("calculate_tax", "{\"state\":\"CA\",\"amount\":10}");
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertThat(metric(metrics, "toolgate_tool_cache_total", "tool=\"count_executions\"", "result=\"hit\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(metric(metrics, "toolgate_tool_cache_total", "tool=\"count_executions\"", "result=\"miss\""))
                .isGreaterThanOrEqualTo(2);
        assertThat(metric(metrics, "toolgate_tool_cache_total", "tool=\"calculate_tax\"", "result=\"hit\""))
                .isGreaterThanOrEqualTo(1);
        given().get("/tools/count_executions").then().body("policy.cache.ttl_ms", equalTo(400));
    }

    @Test
    void cachedCallsAreStillRecorded() {
        String args = "{\"label\":\"audit" + System.nanoTime() + "\"}";
        call("count_executions", args);
        call("count_executions", args);
        given().get("/calls?tool=count_executions&limit=2").then()
                .body("calls.size()", equalTo(2))
                .body("calls.success", org.hamcrest.Matchers.everyItem(equalTo(true)));
    }

    @Test
    void healthAndOpenApiAreServed() {
        io.toolgate.support.Readiness.await();
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/tools/{name}/invoke'", org.hamcrest.Matchers.notNullValue());
    }
}

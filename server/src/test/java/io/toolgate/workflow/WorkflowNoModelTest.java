package io.toolgate.workflow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Without a model configured (the default test profile), a step with {@code arguments: llm} fails with a message
 * saying what to configure, and nothing after it runs; the structured order workflow needs no model at all.
 */
@QuarkusTest
class WorkflowNoModelTest {

    @Test
    void anLlmStepFailsClearlyWithoutAModel() throws Exception {
        String id = given().contentType("application/json")
                .body("{\"request\":\"I want to order 2 laptops for customer ID 12345\"}")
                .post("/workflows/order_from_request/runs").then().statusCode(202).extract().path("run_id");
        JsonNode run = null;
        for (int i = 0; i < 200; i++) {
            run = WorkflowSupport.JSON.readTree(given().get("/workflows/runs/" + id).asString());
            if ("failed".equals(run.path("state").asText())) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("failed");
        assertThat(run.path("error").asText()).contains("validate_customer").contains("no model is configured")
                .contains("quarkus.langchain4j.openai.api-key");
        assertThat(run.path("started_by").asText()).isEqualTo("anonymous");
        assertThat(run.path("steps").get(1).path("status").asText()).isEqualTo("skipped");
    }
}

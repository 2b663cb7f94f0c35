package io.toolgate.resource;

import static io.restassured.RestAssured.given;
import static io.toolgate.primitive.Primitives.JSON;
import static io.toolgate.primitive.Primitives.caller;
import static io.toolgate.primitive.Primitives.ok;
import static io.toolgate.primitive.Primitives.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.toolgate.invoke.CallControl;
import io.toolgate.primitive.PrimitiveException;
import io.toolgate.security.Caller;
import jakarta.inject.Inject;

/**
 * Workflow definitions and runs as resources: a run announces updated while it advances, its starter reads its
 * steps, another principal finds nothing there.
 */
@QuarkusTest
class RunResourcesTest {

    @Inject
    ResourceCatalog catalog;

    @Test
    void aRunAnnouncesItsProgressAndIsReadableByItsStarterOnly() throws Exception {
        List<String> updated = new CopyOnWriteArrayList<>();
        catalog.onUpdated(updated::add);
        given().contentType("application/yaml").body("""
                name: resource_visits
                description: Two visits in a row, for the run resource test.
                steps:
                  - name: first
                    tool: pause_then_answer
                    arguments: {millis: 200, label: resource-run-first}
                  - name: second
                    tool: record_visit
                    depends_on: [first]
                    arguments: {label: resource-run-second}
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/workflows").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        String runId = given().contentType("application/json").body("{}").post("/workflows/resource_visits/runs")
                .then().statusCode(202).extract().path("run_id");
        String uri = "toolgate://runs/" + runId;
        Caller starter = caller("anonymous");

        JsonNode run = null;
        long end = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < end) {
            run = JSON.readTree(ok(catalog.read(uri, starter, CallControl.none())).at("/contents/0/text").asText());
            if ("completed".equals(run.path("state").asText())) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(run.path("state").asText()).isEqualTo("completed");
        assertThat(run.path("steps").get(1).path("result").path("label").asText()).isEqualTo("resource-run-second");
        // Created, first step running, first done, second running, second done, run completed: several updates.
        assertThat(updated.stream().filter(uri::equals).count()).isGreaterThanOrEqualTo(4);

        PrimitiveException stranger = refusal(catalog.read(uri, caller("mallory", "shop"), CallControl.none()));
        assertThat(stranger.kind()).isEqualTo(PrimitiveException.Kind.NOT_FOUND);
        assertThat(catalog.exists(uri, caller("mallory"))).isFalse();
        assertThat(catalog.exists(uri, caller("root", "admin"))).isTrue();

        JsonNode definition = JSON.readTree(ok(catalog.read("toolgate://workflows/resource_visits", caller("x"),
                CallControl.none())).at("/contents/0/text").asText());
        assertThat(definition.path("steps").size()).isEqualTo(2);
    }
}

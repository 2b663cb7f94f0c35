package io.toolgate.workflow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Definitions: loading, versions, listing, and every kind of refusal with the problem named. */
@QuarkusTest
@TestProfile(WorkflowProfile.class)
class WorkflowDefinitionsTest extends WorkflowSupport {

    @Test
    void theShippedExamplesAreLoadedAndListed() {
        given().header("X-API-Key", ROOT).get("/workflows").then().statusCode(200)
                .body("workflows.name", hasItems("order_fulfillment", "order_with_approval", "order_from_request"))
                .body("load_problems", org.hamcrest.Matchers.empty());
        given().header("X-API-Key", ROOT).get("/workflows/order_fulfillment").then().statusCode(200)
                .body("definition.steps[3].tool", equalTo("charge_payment"))
                .body("definition.steps[3].condition", equalTo("steps.calculate_pricing.result.total > 0"));
        given().header("X-API-Key", ROOT).get("/workflows/no_such_flow").then().statusCode(404)
                .body("error.code", equalTo("WORKFLOW_NOT_FOUND"));
        given().header("X-API-Key", ROOT).contentType("application/json").body("{}")
                .post("/workflows/no_such_flow/runs").then().statusCode(404);
    }

    @Test
    void postingANameAgainMakesANewVersionAndRunsPinTheirs() throws Exception {
        String v1 = "{\"name\":\"versioned\",\"steps\":[{\"name\":\"a\",\"tool\":\"record_visit\","
                + "\"arguments\":{\"label\":\"v1\"}}]}";
        String v2 = v1.replace("v1", "v2");
        define(ROOT, "application/json", v1).then().statusCode(201).body("version", equalTo(1));
        define(ROOT, "application/json", v1).then().statusCode(200).body("version", equalTo(1))
                .body("created", equalTo(false));
        define(ROOT, "application/json", v2).then().statusCode(201).body("version", equalTo(2));
        given().header("X-API-Key", ROOT).get("/workflows/versioned?version=1").then().statusCode(200)
                .body("definition.steps[0].arguments.label", equalTo("v1"));

        JsonNode latest = await(start(ROOT, "versioned", "{}"));
        assertThat(latest.path("version").asInt()).isEqualTo(2);
        assertThat(step(latest, "a").path("arguments").path("label").asText()).isEqualTo("v2");
        String pinned = given().header("X-API-Key", ROOT).contentType("application/json").body("{}")
                .post("/workflows/versioned/runs?version=1").then().statusCode(202).extract().path("run_id");
        assertThat(step(await(pinned), "a").path("arguments").path("label").asText()).isEqualTo("v1");
    }

    @Test
    void onlyAdminsDefineWorkflowsWhenAuthenticationIsOn() {
        define(ALICE, "application/yaml", "name: alices\nsteps:\n  - {name: a, tool: record_visit}\n").then()
                .statusCode(403);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("cycle", """
                        name: loop
                        steps:
                          - {name: a, tool: record_visit, depends_on: [c]}
                          - {name: b, tool: record_visit, depends_on: [a]}
                          - {name: c, tool: record_visit, depends_on: [b]}
                        """, "a -> c -> b -> a"),
                Arguments.of("unknown_tool", """
                        name: bad_tool
                        steps:
                          - {name: a, tool: launch_rockets}
                        """, "uses tool 'launch_rockets', which is not registered"),
                Arguments.of("missing_dependency", """
                        name: bad_dep
                        steps:
                          - {name: a, tool: record_visit, depends_on: [nowhere]}
                        """, "step a depends on 'nowhere', which is not a step"),
                Arguments.of("bad_condition", """
                        name: bad_cel
                        steps:
                          - {name: a, tool: record_visit}
                          - {name: b, tool: record_visit, depends_on: [a], condition: "steps.a.result.count >"}
                        """, "step b: condition 'steps.a.result.count >' is not valid CEL"),
                Arguments.of("bad_condition", """
                        name: bad_cel_var
                        steps:
                          - {name: a, tool: record_visit, condition: "secrets.key == 'x'"}
                        """, "undeclared reference to 'secrets'"),
                Arguments.of("bad_condition", """
                        name: cel_not_dependency
                        steps:
                          - {name: a, tool: record_visit}
                          - {name: b, tool: record_visit, condition: "steps.a.result.count > 1"}
                        """, "reads step 'a', which this step does not depend on"),
                Arguments.of("bad_template", """
                        name: bad_ref
                        steps:
                          - {name: a, tool: record_visit}
                          - {name: b, tool: record_visit, arguments: {label: "${steps.a.result.label}"}}
                        """, "template ${steps.a.result.label} reads step 'a', which this step does not"),
                Arguments.of("bad_template", """
                        name: bad_root
                        steps:
                          - {name: a, tool: record_visit, arguments: {label: "${env.HOME}"}}
                        """, "starts with 'env'"),
                Arguments.of("bad_template", """
                        name: bad_part
                        steps:
                          - {name: a, tool: record_visit}
                          - {name: b, tool: record_visit, depends_on: [a], arguments: {label: "${steps.a.label}"}}
                        """, "(a step's output is under result)"),
                Arguments.of("duplicate_step", """
                        name: twice
                        steps:
                          - {name: a, tool: record_visit}
                          - {name: a, tool: record_visit}
                        """, "two steps are named 'a'"),
                Arguments.of("invalid_field", """
                        name: bad_on_error
                        steps:
                          - {name: a, tool: record_visit, on_error: ignore}
                        """, "on_error must be fail, continue or retry, got 'ignore'"),
                Arguments.of("invalid_field", """
                        name: typo
                        steps:
                          - {name: a, tool: record_visit, depends-on: [b]}
                        """, "unknown field 'depends-on'"),
                Arguments.of("invalid_field", """
                        name: bad_timeout
                        steps:
                          - {name: a, tool: record_visit, timeout: soon}
                        """, "timeout must be a duration"),
                Arguments.of("syntax", "name: [unclosed\n", "not valid YAML at line"),
                Arguments.of("too_many_steps", tooMany(), "at most 50 are allowed"));
    }

    private static String tooMany() {
        StringBuilder y = new StringBuilder("name: huge\nsteps:\n");
        for (int i = 0; i < 51; i++) {
            y.append("  - {name: s").append(i).append(", tool: record_visit}\n");
        }
        return y.toString();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("refused")
    void everyBadDefinitionIsRefusedWithTheProblemNamed(String kind, String yaml, String message) throws Exception {
        JsonNode body = JSON.readTree(define(ROOT, "application/yaml", yaml).then().statusCode(422).extract()
                .asString());
        assertThat(body.path("error").path("code").asText()).isEqualTo("INVALID_DEFINITION");
        JsonNode details = body.path("error").path("details");
        assertThat(details).anySatisfy(d -> {
            assertThat(d.path("kind").asText()).isEqualTo(kind);
            assertThat(d.path("message").asText()).contains(message);
        });
    }

    @Test
    void aRefusedDefinitionListsEveryProblemWithItsStep() throws Exception {
        JsonNode body = JSON.readTree(define(ROOT, "application/json", "{\"name\":\"many_problems\",\"steps\":["
                + "{\"name\":\"a\",\"tool\":\"nope\"},{\"name\":\"b\",\"tool\":\"record_visit\",\"on_error\":\"x\"}]}")
                .then().statusCode(422).extract().asString());
        JsonNode details = body.path("error").path("details");
        assertThat(details).hasSize(2);
        assertThat(details.get(0).path("step").asText()).isEqualTo("a");
        assertThat(details.get(0).path("field").asText()).isEqualTo("tool");
        assertThat(details.get(1).path("step").asText()).isEqualTo("b");
        assertThat(details.get(1).path("field").asText()).isEqualTo("on_error");
    }
}

package io.toolgate.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;

/**
 * The optional parts switched off at build time: their endpoints are gone, their tools are not served, and the
 * application's own tools are, on every door.
 */
class PartsLeftOutTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestDatabase.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(GreetingTools.class, TestDatabase.class)), "parts")
            .overrideConfigKey("quarkus.toolgate.agent.enabled", "false")
            .overrideConfigKey("quarkus.toolgate.declarative.enabled", "false")
            .overrideConfigKey("quarkus.toolgate.workflows.enabled", "false")
            .overrideConfigKey("toolgate.workflows.run-tool", "true");

    @Test
    void theirEndpointsAreGone() {
        given().contentType(ContentType.JSON).body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(404);
        given().get("/tool-sources").then().statusCode(404);
        given().get("/workflows").then().statusCode(404);
    }

    @Test
    void onlyTheApplicationsToolsAreServed() {
        // run_workflow would be served with toolgate.workflows.run-tool=true, were workflows built in.
        given().get("/tools").then().statusCode(200).body("tools.name", contains("greet_person"));
    }
}

package io.toolgate.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(UnreachableDatabaseProfile.class)
class ReadinessTest {

    @Test
    void readinessIsDownWhileTheDatabaseIsUnreachableAndLivenessIsUp() {
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        // Tools that need no database keep working.
        given().contentType("application/json").body("{\"name\":\"Ada\"}").post("/tools/greet_uni/invoke").then()
                .statusCode(200);
    }
}

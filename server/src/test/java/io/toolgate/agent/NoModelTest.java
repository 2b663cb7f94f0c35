package io.toolgate.agent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Without a model the server starts and serves tools; only the agent endpoint answers 503, naming the settings. */
@QuarkusTest
@TestProfile(NoModelProfile.class)
class NoModelTest {

    @Test
    void agentAnswers503NamingTheSettingsWhileTheRestWorks() {
        given().contentType("application/json").body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(503)
                .body("error.code", equalTo("MODEL_NOT_CONFIGURED"))
                .body("error.message", containsString("quarkus.langchain4j.openai.api-key"))
                .body("error.message", containsString("quarkus.langchain4j.openai.base-url"));
        given().get("/tools?format=openai").then().statusCode(200).body("size()", not(equalTo(0)));
        given().contentType("application/json").body("{\"customer_id\":12345}")
                .post("/tools/lookup_customer/invoke").then().statusCode(200).body("success", equalTo(true));
        given().get("/q/health/ready").then().statusCode(200);
    }
}

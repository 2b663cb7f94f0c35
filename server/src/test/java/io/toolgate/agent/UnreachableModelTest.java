package io.toolgate.agent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A model that cannot be reached gives 502 with a reason, never the key or a stack trace. */
@QuarkusTest
@TestProfile(UnreachableModelProfile.class)
class UnreachableModelTest {

    @Test
    void unreachableModelGives502() {
        given().contentType("application/json").body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(502)
                .body("error.code", equalTo("MODEL_UNREACHABLE"))
                .body("error.message", containsString("could not be reached"))
                .body(not(containsString("sk-unreachable")))
                .body(not(containsString("Exception")));
    }
}

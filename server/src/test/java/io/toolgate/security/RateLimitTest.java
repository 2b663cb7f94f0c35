package io.toolgate.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toolgate.SecuredProfile;

/** lookup_customer allows 3 calls per caller per minute in this profile. */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class RateLimitTest {

    @Test
    void theFourthCallIsRateLimitedPerCallerAndListingIsNot() {
        for (int i = 0; i < 3; i++) {
            given().header("X-API-Key", SecuredProfile.BOB).contentType("application/json")
                    .body("{\"customer_id\":12345}").post("/tools/lookup_customer/invoke").then().statusCode(200);
        }
        String retryAfter = given().header("X-API-Key", SecuredProfile.BOB).contentType("application/json")
                .body("{\"customer_id\":12345}").post("/tools/lookup_customer/invoke").then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("error.code", equalTo("RATE_LIMITED"))
                .body("error.message", containsString("retry after"))
                .extract().header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
        // Another caller has its own bucket; listing is never limited.
        given().header("X-API-Key", SecuredProfile.ROOT).contentType("application/json")
                .body("{\"customer_id\":12345}").post("/tools/lookup_customer/invoke").then().statusCode(200);
        for (int i = 0; i < 10; i++) {
            given().header("X-API-Key", SecuredProfile.BOB).get("/tools").then().statusCode(200);
        }
    }
}

package io.toolgate.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toolgate.SecuredProfile;

/**
 * With authentication on, the console's files load without a credential (a page cannot send one when the browser
 * loads it, and they hold no data) while the API it calls still asks for one, sent as the console sends it.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class ConsoleSecuredTest {

    @Test
    void theFilesAreOpenAndTheDataIsNot() {
        given().get("/console/").then().statusCode(200);
        given().get("/console/js/app.js").then().statusCode(200);
        given().get("/webjars/cytoscape/3.33.1/dist/cytoscape.min.js").then().statusCode(200);
        given().get("/tools").then().statusCode(401);
        given().get("/audit").then().statusCode(401);
        // Only reading the files is open: nothing else under those paths, and no other method.
        given().post("/console/").then().statusCode(401);
        given().get("/calls/stream").then().statusCode(401);
    }

    @Test
    void aCallersLiveStreamCarriesOnlyItsOwnCalls() throws Exception {
        try (CallStream stream = new CallStream("/calls/stream?tool=search_products", "Authorization",
                "Bearer " + SecuredProfile.ALICE)) {
            assertThat(stream.response.statusCode()).isEqualTo(200);
            CompletableFuture<String> first = stream.firstData;
            // Bob's calls come first and are not alice's to see; then hers arrives.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!first.isDone() && System.nanoTime() < deadline) {
                for (String key : new String[] { SecuredProfile.BOB, SecuredProfile.ROOT, SecuredProfile.ALICE }) {
                    given().header("Authorization", "Bearer " + key).contentType("application/json")
                            .body("{\"query\":\"lamp\"}").post("/tools/search_products/invoke");
                }
                Thread.sleep(200);
            }
            String data = first.get(1, TimeUnit.SECONDS);
            assertThat(data).contains("\"principal\":\"alice\"");
        }
    }

    @Test
    void theConsolesBearerHeaderCarriesAnApiKeyAndItsRoles() {
        given().header("Authorization", "Bearer " + SecuredProfile.ROOT).get("/audit?limit=1").then().statusCode(200);
        given().header("Authorization", "Bearer " + SecuredProfile.ALICE).get("/audit?limit=1").then()
                .statusCode(403);
    }
}

package io.toolgate.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The packaged application: Toolgate on top of the application's datasource (its audit rows in the same database as
 * the application's table) and the application's Micrometer registry (one scrape shows both), with the parts the
 * build left out gone.
 */
@QuarkusIntegrationTest
class OwnStackIT {

    @Test
    void toolsRunOnTheApplicationsDatasourceAndToolgateAuditsIntoIt() throws Exception {
        given().get("/tools").then().statusCode(200)
                .body("tools.name", containsInAnyOrder("add_journal_entry", "count_journal_entries"));
        given().contentType(ContentType.JSON).body("{\"entry\":\"first light\"}")
                .post("/tools/add_journal_entry/invoke").then().statusCode(200)
                .body("result.total", greaterThanOrEqualTo(1));
        given().contentType(ContentType.JSON).body("{}")
                .post("/tools/count_journal_entries/invoke").then().statusCode(200)
                .body("result.total", greaterThanOrEqualTo(1));

        long deadline = System.currentTimeMillis() + 10_000;
        while (given().get("/audit?tool=add_journal_entry").then().extract().path("records.size()")
                .equals(0) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        given().get("/audit?tool=add_journal_entry").then().statusCode(200)
                .body("records[0].success", equalTo(true))
                .body("records[0].door", equalTo("rest"));
    }

    @Test
    void oneMetricsScrapeHoldsTheApplicationsMetersAndToolgates() {
        given().contentType(ContentType.JSON).body("{\"entry\":\"counted\"}")
                .post("/tools/add_journal_entry/invoke").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("journal_entries_total"))
                .body(containsString("toolgate_tool_duration_seconds_count{"))
                .body(containsString("tool=\"add_journal_entry\""));
    }

    @Test
    void thePartsTheBuildLeftOutAreGoneAndWorkflowsAreIn() {
        given().contentType(ContentType.JSON).body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(404);
        given().get("/tool-sources").then().statusCode(404);
        given().get("/workflows").then().statusCode(200);
    }
}

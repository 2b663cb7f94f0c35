package io.toolgate.workflow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toolgate.db.Database;
import jakarta.inject.Inject;

/** The order example, approval and a condition skip on PostgreSQL: the same migrations and SQL as on H2. */
@QuarkusTest
@TestProfile(WorkflowPostgresProfile.class)
class WorkflowPostgresTest extends WorkflowSupport {

    private static final String ORDER = "{\"customer_id\":12345,\"product_id\":\"LAP-001\",\"quantity\":2}";

    @Inject
    Database database;

    @Test
    void theOrderExampleCompletesOnPostgres() throws Exception {
        assertThat(rows(database, "SELECT current_schema()").get(0).get(0)).isEqualTo("toolgate_wf");
        JsonNode run = await(start(ROOT, "order_fulfillment", ORDER));
        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("completed");
        assertOrderRecorded(database, run);
        assertThat(rows(database, "SELECT state, executions FROM workflow_runs WHERE id = ?",
                run.path("run_id").asText()).get(0)).containsExactly("completed", 6);
    }

    @Test
    void approvalAndResumeOnPostgres() throws Exception {
        String id = start(ROOT, "order_with_approval", ORDER);
        assertThat(await(id).path("state").asText()).isEqualTo("waiting_for_input");
        given().header("X-API-Key", ROOT).contentType("application/json").body("{\"approved\":true}")
                .post("/workflows/runs/" + id + "/input").then().statusCode(200);
        JsonNode run = await(id);
        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("completed");
        assertOrderRecorded(database, run);
    }

    @Test
    void chargingTwiceWithOneKeyRecordsOnePaymentOnPostgres() throws Exception {
        String body = "{\"customer_id\":12345,\"amount\":10.50,\"idempotency_key\":\"pg-once\"}";
        String first = given().header("X-API-Key", ROOT).contentType("application/json").body(body)
                .post("/tools/charge_payment/invoke").then().statusCode(200).extract().path("result.payment_id");
        given().header("X-API-Key", ROOT).contentType("application/json").body(body)
                .post("/tools/charge_payment/invoke").then().statusCode(200)
                .body("result.payment_id", org.hamcrest.Matchers.equalTo(first))
                .body("result.replayed", org.hamcrest.Matchers.equalTo(true));
        assertThat(rows(database, "SELECT id FROM payments WHERE idempotency_key = 'pg-once'")).hasSize(1);
        given().header("X-API-Key", ROOT).contentType("application/json")
                .body("{\"customer_id\":12345,\"amount\":9999,\"idempotency_key\":\"pg-big\"}")
                .post("/tools/charge_payment/invoke").then().statusCode(422)
                .body("error.message", org.hamcrest.Matchers.containsString("over the limit of 5000"));
    }
}

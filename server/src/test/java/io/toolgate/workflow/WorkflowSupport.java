package io.toolgate.workflow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;
import io.toolgate.SecuredProfile;
import io.toolgate.db.Database;

/** What the workflow tests share: REST calls with an API key, polling a run, and reading the database. */
abstract class WorkflowSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROOT = SecuredProfile.ROOT;
    static final String ALICE = SecuredProfile.ALICE;
    private static final Set<String> SETTLED = Set.of("completed", "failed", "cancelled", "waiting_for_input");

    static Response define(String key, String contentType, String body) {
        return given().header("X-API-Key", key).contentType(contentType)
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/workflows");
    }

    static void defineOk(String yaml) {
        int status = define(ROOT, "application/yaml", yaml).then().extract().statusCode();
        assertThat(status).as("definition accepted").isIn(200, 201);
    }

    static String start(String key, String workflow, String input) {
        return given().header("X-API-Key", key).contentType("application/json").body(input)
                .post("/workflows/" + workflow + "/runs").then().statusCode(202).extract().path("run_id");
    }

    static JsonNode get(String key, String runId) throws Exception {
        return JSON.readTree(given().header("X-API-Key", key).get("/workflows/runs/" + runId).then().statusCode(200)
                .extract().asString());
    }

    /** Polls until the run completed, failed, was cancelled or waits for input (at most 30 s on a loaded machine). */
    static JsonNode await(String runId) throws Exception {
        long end = System.nanoTime() + 30_000_000_000L;
        JsonNode run = get(ROOT, runId);
        while (!SETTLED.contains(run.path("state").asText()) && System.nanoTime() < end) {
            Thread.sleep(50);
            run = get(ROOT, runId);
        }
        return run;
    }

    static JsonNode step(JsonNode run, String name) {
        for (JsonNode s : run.path("steps")) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no step " + name + " in " + run);
    }

    static String status(JsonNode run, String name) {
        return step(run, name).path("status").asText();
    }

    static List<List<Object>> rows(Database database, String sql, Object... params) throws Exception {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<List<Object>> out = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getObject(i));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    /**
     * The order example's effects in the database: the order and its line, the payment under the run's idempotency
     * key, the confirmation in the outbox, each exactly once.
     */
    static void assertOrderRecorded(Database database, JsonNode run) throws Exception {
        String runId = run.path("run_id").asText();
        long orderId = step(run, "create_order").path("result").path("order_id").asLong();
        String paymentId = step(run, "process_payment").path("result").path("payment_id").asText();
        List<List<Object>> payments = rows(database, "SELECT id, customer_id, amount FROM payments"
                + " WHERE idempotency_key = ?", "order-" + runId);
        assertThat(payments).hasSize(1);
        assertThat(payments.get(0).get(0)).isEqualTo(paymentId);
        assertThat(((Number) payments.get(0).get(1)).longValue()).isEqualTo(12345L);
        assertThat(new java.math.BigDecimal(payments.get(0).get(2).toString()))
                .isEqualByComparingTo(step(run, "calculate_pricing").path("result").path("total").decimalValue());
        List<List<Object>> orders = rows(database, "SELECT customer_id, status, payment_id, total FROM orders"
                + " WHERE id = ?", orderId);
        assertThat(orders).hasSize(1);
        assertThat(((Number) orders.get(0).get(0)).longValue()).isEqualTo(12345L);
        assertThat(orders.get(0).get(1)).isEqualTo("processing");
        assertThat(orders.get(0).get(2)).isEqualTo(paymentId);
        List<List<Object>> lines = rows(database, "SELECT product_id, quantity FROM order_lines WHERE order_id = ?",
                orderId);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get(0)).isEqualTo("LAP-001");
        assertThat(((Number) lines.get(0).get(1)).intValue()).isEqualTo(2);
        List<List<Object>> mails = rows(database, "SELECT recipient, subject FROM email_outbox WHERE subject = ?",
                "Your order " + orderId);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).get(0).toString()).contains("@");
    }
}

package io.toolgate.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Durability against the packaged jar: a run is started, the process is killed (no shutdown hooks) while a step runs,
 * and a new process on the same data directory finishes the run. No step that had succeeded runs again, the
 * interrupted (idempotent) step is run once more, and the database holds one payment, one order and one e-mail.
 * A run waiting for approval is still waiting after the restart and completes once approved. And with two live
 * instances on one PostgreSQL, a run moves to the other instance only once its owner has died.
 */
class WorkflowRestartIT {

    private static final String ORDER = "{\"customer_id\":12345,\"product_id\":\"LAP-001\",\"quantity\":2}";
    private static final String SLOW_ORDER = """
            name: slow_order
            description: The order workflow with a slow (idempotent) step in the middle, to be killed during it.
            steps:
              - {name: validate_customer, tool: lookup_customer, arguments: {customer_id: "${input.customer_id}"}}
              - name: check_inventory
                tool: check_product_availability
                depends_on: [validate_customer]
                arguments: {product_id: "${input.product_id}", quantity: "${input.quantity}"}
              - {name: slow_check, tool: simulate_latency, depends_on: [check_inventory], arguments: {millis: 6000}}
              - name: calculate_pricing
                tool: calculate_total_price
                depends_on: [slow_check]
                arguments:
                  items: [{product_id: "${input.product_id}", quantity: "${input.quantity}"}]
                  destination_state: ${steps.validate_customer.result.state}
              - name: process_payment
                tool: charge_payment
                depends_on: [calculate_pricing]
                condition: steps.calculate_pricing.result.total > 0
                arguments:
                  customer_id: ${input.customer_id}
                  amount: ${steps.calculate_pricing.result.total}
                  idempotency_key: order-${run.id}
              - name: create_order
                tool: create_order_record
                depends_on: [calculate_pricing, process_payment]
                arguments:
                  customer_id: ${input.customer_id}
                  lines: ${steps.calculate_pricing.result.lines}
                  total: ${steps.calculate_pricing.result.total}
                  payment_id: ${steps.process_payment.result.payment_id}
              - name: send_confirmation
                tool: send_email
                depends_on: [create_order]
                arguments:
                  to: ${steps.validate_customer.result.email}
                  subject: Your order ${steps.create_order.result.order_id}
                  body: Thank you, ${steps.validate_customer.result.name}.
            """;

    private Path dir;
    private final List<ToolgateProcess> servers = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (ToolgateProcess server : servers) {
            server.killIfAlive();
        }
    }

    private ToolgateProcess launch(String name, String... options) throws Exception {
        ToolgateProcess server = ToolgateProcess.start(dir, name, "slow_order", options);
        servers.add(server);
        return server;
    }

    private void writeSlowOrder(String prefix) throws IOException {
        dir = Files.createTempDirectory(prefix);
        Files.createDirectories(dir.resolve("workflows"));
        Files.writeString(dir.resolve("workflows/slow_order.yaml"), SLOW_ORDER);
    }

    @Test
    void aRunContinuesAfterTheProcessIsKilledAndNoStepRunsTwice() throws Exception {
        writeSlowOrder("toolgate-restart");

        ToolgateProcess first = launch("first");
        String slow = first.startRun("slow_order", ORDER);
        String approval = first.startRun("order_with_approval", ORDER);
        JsonNode waiting = first.awaitState(approval, "waiting_for_input", 60);
        assertThat(waiting.path("state").asText()).isEqualTo("waiting_for_input");
        JsonNode beforeKill = first.awaitStepRunning(slow, "slow_check", 60);
        assertThat(step(beforeKill, "slow_check").path("status").asText()).isEqualTo("running");
        assertThat(step(beforeKill, "check_inventory").path("status").asText()).isEqualTo("succeeded");

        first.kill();

        ToolgateProcess second = launch("second");
        JsonNode done = second.awaitState(slow, "completed", 90);
        assertRanOnceExceptTheInterruptedStep(done);

        // The waiting run is still waiting after the restart; approving it finishes it.
        assertThat(second.run(approval).path("state").asText()).isEqualTo("waiting_for_input");
        HttpResponse<String> input = second.post("/workflows/runs/" + approval + "/input",
                "{\"step\":\"process_payment\",\"approved\":true}");
        assertThat(input.statusCode()).as(input.body()).isEqualTo(200);
        assertThat(second.awaitState(approval, "completed", 60).path("state").asText()).isEqualTo("completed");

        long orderId = step(done, "create_order").path("result").path("order_id").asLong();
        second.stop();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("data/toolgate")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "")) {
            assertOneOrder(c, slow, orderId);
            assertThat(count(c, "SELECT COUNT(*) FROM payments WHERE idempotency_key = ?", "order-" + approval))
                    .isEqualTo(1);
        }
    }

    /**
     * Two live instances on one PostgreSQL: the second leaves the first's run alone while the first renews its
     * lease, and continues it once the first is killed and the lease has run out.
     */
    @Test
    void anotherInstanceTakesOverARunWhenItsOwnerDiesAndNotBefore() throws Exception {
        writeSlowOrder("toolgate-takeover");
        String schema = "toolgate_takeover";
        try (Connection c = DriverManager.getConnection(POSTGRES, "postgres", "")) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        String[] shared = {"-Dquarkus.profile=postgres",
                "-Dquarkus.datasource.postgresql.jdbc.url=" + POSTGRES + "?currentSchema=" + schema,
                "-Dquarkus.flyway.postgresql.schemas=" + schema,
                "-Dtoolgate.workflows.lease=3s", "-Dtoolgate.workflows.recovery-interval=1s"};

        ToolgateProcess owner = launch("owner", shared);
        ToolgateProcess other = launch("other", shared);
        String id = owner.startRun("slow_order", ORDER);
        JsonNode running = owner.awaitStepRunning(id, "slow_check", 60);
        assertThat(step(running, "slow_check").path("status").asText()).isEqualTo("running");

        // Longer than the lease: the owner renews it every second, so the other instance must not take the run.
        Thread.sleep(4_500);
        JsonNode seenByOther = other.run(id);
        assertThat(step(seenByOther, "slow_check").path("attempts").asInt()).as(seenByOther.toString()).isEqualTo(1);
        assertThat(step(seenByOther, "slow_check").path("status").asText()).isEqualTo("running");

        owner.kill();
        JsonNode done = other.awaitState(id, "completed", 90);
        assertRanOnceExceptTheInterruptedStep(done);
        long orderId = step(done, "create_order").path("result").path("order_id").asLong();
        other.stop();
        try (Connection c = DriverManager.getConnection(POSTGRES + "?currentSchema=" + schema, "postgres", "")) {
            assertOneOrder(c, id, orderId);
        }
    }

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    private static void assertRanOnceExceptTheInterruptedStep(JsonNode done) {
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("completed");
        for (String s : List.of("validate_customer", "check_inventory", "calculate_pricing", "process_payment",
                "create_order", "send_confirmation")) {
            assertThat(step(done, s).path("attempts").asInt()).as(s + " ran once").isEqualTo(1);
        }
        assertThat(step(done, "slow_check").path("attempts").asInt()).as("interrupted, idempotent: run again")
                .isEqualTo(2);
    }

    private static void assertOneOrder(Connection c, String runId, long orderId) throws Exception {
        assertThat(count(c, "SELECT COUNT(*) FROM payments WHERE idempotency_key = ?", "order-" + runId)).isEqualTo(1);
        assertThat(count(c, "SELECT COUNT(*) FROM orders WHERE payment_id = (SELECT id FROM payments WHERE"
                + " idempotency_key = ?)", "order-" + runId)).isEqualTo(1);
        assertThat(count(c, "SELECT COUNT(*) FROM order_lines WHERE order_id = ?", orderId)).isEqualTo(1);
        assertThat(count(c, "SELECT COUNT(*) FROM email_outbox WHERE subject = ?", "Your order " + orderId))
                .isEqualTo(1);
    }

    private static long count(Connection c, String sql, Object param) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static JsonNode step(JsonNode run, String name) {
        return ToolgateProcess.step(run, name);
    }
}

package io.toolgate.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Durability against the packaged jar: a run is started, the process is killed (no shutdown hooks) while a step runs,
 * and a new process on the same data directory finishes the run. No step that had succeeded runs again, the
 * interrupted (idempotent) step is run once more, and the database holds one payment, one order and one e-mail.
 * A run waiting for approval is still waiting after the restart and completes once approved.
 */
class WorkflowRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
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

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path dir;
    private Process server;
    private int port;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly();
            server.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRunContinuesAfterTheProcessIsKilledAndNoStepRunsTwice() throws Exception {
        dir = Files.createTempDirectory("toolgate-restart");
        Files.createDirectories(dir.resolve("workflows"));
        Files.writeString(dir.resolve("workflows/slow_order.yaml"), SLOW_ORDER);

        launch("first");
        String slow = startRun("slow_order", ORDER);
        String approval = startRun("order_with_approval", ORDER);
        JsonNode waiting = awaitState(approval, "waiting_for_input", 60);
        assertThat(waiting.path("state").asText()).isEqualTo("waiting_for_input");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode beforeKill = run(slow);
        while (!"running".equals(step(beforeKill, "slow_check").path("status").asText()) && System.nanoTime() < end) {
            Thread.sleep(100);
            beforeKill = run(slow);
        }
        assertThat(step(beforeKill, "slow_check").path("status").asText()).isEqualTo("running");
        assertThat(step(beforeKill, "check_inventory").path("status").asText()).isEqualTo("succeeded");

        server.destroyForcibly();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();

        launch("second");
        JsonNode done = awaitState(slow, "completed", 90);
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("completed");
        for (String s : List.of("validate_customer", "check_inventory", "calculate_pricing", "process_payment",
                "create_order", "send_confirmation")) {
            assertThat(step(done, s).path("attempts").asInt()).as(s + " ran once").isEqualTo(1);
        }
        assertThat(step(done, "slow_check").path("attempts").asInt()).as("interrupted, idempotent: run again")
                .isEqualTo(2);

        // The waiting run is still waiting after the restart; approving it finishes it.
        assertThat(run(approval).path("state").asText()).isEqualTo("waiting_for_input");
        HttpResponse<String> input = http.send(HttpRequest.newBuilder(uri("/workflows/runs/" + approval + "/input"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"step\":\"process_payment\",\"approved\":true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(input.statusCode()).as(input.body()).isEqualTo(200);
        assertThat(awaitState(approval, "completed", 60).path("state").asText()).isEqualTo("completed");

        long orderId = step(done, "create_order").path("result").path("order_id").asLong();
        server.destroy();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("data/toolgate")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "")) {
            assertThat(count(c, "SELECT COUNT(*) FROM payments WHERE idempotency_key = ?", "order-" + slow))
                    .isEqualTo(1);
            assertThat(count(c, "SELECT COUNT(*) FROM orders WHERE payment_id = (SELECT id FROM payments WHERE"
                    + " idempotency_key = ?)", "order-" + slow)).isEqualTo(1);
            assertThat(count(c, "SELECT COUNT(*) FROM order_lines WHERE order_id = ?", orderId)).isEqualTo(1);
            assertThat(count(c, "SELECT COUNT(*) FROM email_outbox WHERE subject = ?", "Your order " + orderId))
                    .isEqualTo(1);
            assertThat(count(c, "SELECT COUNT(*) FROM payments WHERE idempotency_key = ?", "order-" + approval))
                    .isEqualTo(1);
        }
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

    private void launch(String name) throws Exception {
        Path jar = Paths.get(System.getProperty("toolgate.jar", "target/quarkus-app/quarkus-run.jar"));
        assertThat(jar).exists();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(java, "-Dquarkus.http.port=" + port,
                "-Dtoolgate.data-dir=" + dir.resolve("data"),
                "-Dtoolgate.workflows.folder=" + dir.resolve("workflows"),
                "-Dtoolgate.demo.benchmark-tools=true",
                "-Dtoolgate.declarative.folder=" + dir.resolve("tools"),
                "-jar", jar.toAbsolutePath().toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/workflows")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("slow_order")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            assertThat(server.isAlive()).as("the server exited; see " + dir.resolve(name + ".log")).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("the server did not start; see " + dir.resolve(name + ".log"));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private String startRun(String workflow, String input) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/workflows/" + workflow + "/runs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(input)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("run_id").asText();
    }

    private JsonNode run(String id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/workflows/runs/" + id)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private JsonNode awaitState(String id, String state, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        JsonNode run = run(id);
        while (!state.equals(run.path("state").asText()) && System.nanoTime() < end) {
            Thread.sleep(200);
            run = run(id);
        }
        return run;
    }

    private static JsonNode step(JsonNode run, String name) {
        for (JsonNode s : run.path("steps")) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no step " + name + " in " + run);
    }
}

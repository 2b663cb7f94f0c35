package io.toolgate.workflow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toolgate.db.Database;
import io.toolgate.security.Caller;
import jakarta.inject.Inject;

/** Runs of workflows on the embedded database: the order example, conditions, parallelism, approval, errors. */
@QuarkusTest
@TestProfile(WorkflowProfile.class)
class WorkflowRunsTest extends WorkflowSupport {

    private static final String ORDER = "{\"customer_id\":12345,\"product_id\":\"LAP-001\",\"quantity\":2}";

    @Inject
    Database database;
    @Inject
    WorkflowStore store;
    @Inject
    WorkflowEngine engine;

    @ConfigProperty(name = "fake-openai.url")
    String fakeUrl;

    @Test
    void theOrderExampleRunsToCompletedWithEverythingInTheDatabase() throws Exception {
        String id = start(ROOT, "order_fulfillment", ORDER);
        JsonNode run = await(id);

        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("completed");
        for (String s : List.of("validate_customer", "check_inventory", "calculate_pricing", "process_payment",
                "create_order", "send_confirmation")) {
            assertThat(status(run, s)).as(s).isEqualTo("succeeded");
            assertThat(step(run, s).path("attempts").asInt()).as(s).isEqualTo(1);
            assertThat(step(run, s).path("started_at").asText()).isNotEmpty();
        }
        // A template that is the whole value keeps the JSON type; embedded ones interpolate.
        JsonNode charge = step(run, "process_payment").path("arguments");
        assertThat(charge.path("amount").isNumber()).isTrue();
        assertThat(charge.path("customer_id").isNumber()).isTrue();
        assertThat(charge.path("idempotency_key").asText()).isEqualTo("order-" + id);
        assertThat(step(run, "create_order").path("arguments").path("lines").isArray()).isTrue();
        assertThat(step(run, "send_confirmation").path("arguments").path("to").asText())
                .isEqualTo(step(run, "validate_customer").path("result").path("email").asText());
        assertThat(run.path("started_by").asText()).isEqualTo("root");
        assertOrderRecorded(database, run);

        // The steps went through the pipeline as door "workflow" under the run's caller: the audit log says so.
        Thread.sleep(300);
        List<List<Object>> audit = new ArrayList<>();
        for (int i = 0; i < 40 && audit.size() < 6; i++) {
            audit = rows(database, "SELECT tool, principal, door FROM audit_log WHERE request_id = ?"
                    + " AND phase <> 'started'", "wf-" + id);
            Thread.sleep(100);
        }
        assertThat(audit).hasSize(6).allSatisfy(r -> {
            assertThat(r.get(1)).isEqualTo("root");
            assertThat(r.get(2)).isEqualTo("workflow");
        });
    }

    @Test
    void aFalseConditionSkipsTheStepAndDependentsStillDecide() throws Exception {
        defineOk("""
                name: free_order
                steps:
                  - {name: quote, tool: quote_fixed_total, arguments: {total: "${input.total}"}}
                  - name: pay
                    tool: charge_payment
                    depends_on: [quote]
                    condition: steps.quote.result.total > 0
                    arguments: {customer_id: 12345, amount: "${steps.quote.result.total}", idempotency_key: "k-${run.id}"}
                  - name: only_after_pay
                    tool: record_visit
                    depends_on: [pay]
                    arguments: {label: "only-after-pay-${run.id}"}
                  - name: order
                    tool: create_order_record
                    depends_on: [quote, pay]
                    arguments:
                      customer_id: 12345
                      lines: ${steps.quote.result.lines}
                      total: ${steps.quote.result.total}
                      payment_id: ${steps.pay.result.payment_id}
                """);
        JsonNode run = await(start(ROOT, "free_order", "{\"total\":0}"));

        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("completed");
        assertThat(status(run, "pay")).isEqualTo("skipped");
        assertThat(step(run, "pay").path("error").path("message").asText()).contains("is false");
        // It depends only on the skipped step: skipped too, never ran.
        assertThat(status(run, "only_after_pay")).isEqualTo("skipped");
        assertThat(WorkflowTestTools.runs("only-after-pay-" + run.path("run_id").asText())).isZero();
        // One of its dependencies ran: it runs, and the skipped step's reference is left out.
        assertThat(status(run, "order")).isEqualTo("succeeded");
        assertThat(step(run, "order").path("arguments").has("payment_id")).isFalse();
        assertThat(step(run, "order").path("result").has("payment_id")).isFalse();

        JsonNode paid = await(start(ROOT, "free_order", "{\"total\":12.5}"));
        assertThat(status(paid, "pay")).isEqualTo("succeeded");
        assertThat(status(paid, "only_after_pay")).isEqualTo("succeeded");
    }

    @Test
    void independentStepsRunInParallel() throws Exception {
        defineOk("""
                name: two_branches
                steps:
                  - {name: left, tool: pause_then_answer, arguments: {millis: 800, label: "left-${run.id}"}}
                  - {name: right, tool: pause_then_answer, arguments: {millis: 800, label: "right-${run.id}"}}
                  - name: join
                    tool: record_visit
                    depends_on: [left, right]
                    arguments: {label: "${steps.left.result.label}+${steps.right.result.label}"}
                """);
        JsonNode run = await(start(ROOT, "two_branches", "{}"));

        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("completed");
        OffsetDateTime leftStart = OffsetDateTime.parse(step(run, "left").path("started_at").asText());
        OffsetDateTime leftEnd = OffsetDateTime.parse(step(run, "left").path("finished_at").asText());
        OffsetDateTime rightStart = OffsetDateTime.parse(step(run, "right").path("started_at").asText());
        OffsetDateTime rightEnd = OffsetDateTime.parse(step(run, "right").path("finished_at").asText());
        // They overlapped, and both branches took about as long as one (well under the 1.6 s of running in turn).
        assertThat(leftStart).isBefore(rightEnd);
        assertThat(rightStart).isBefore(leftEnd);
        OffsetDateTime first = leftStart.isBefore(rightStart) ? leftStart : rightStart;
        OffsetDateTime last = leftEnd.isAfter(rightEnd) ? leftEnd : rightEnd;
        assertThat(Duration.between(first, last)).isLessThan(Duration.ofMillis(1500));
        assertThat(step(run, "join").path("arguments").path("label").asText()).contains("left-").contains("+right-");
    }

    @Test
    void approvalPausesTheRunAndInputResumesIt() throws Exception {
        String id = start(ROOT, "order_with_approval", ORDER);
        JsonNode waiting = await(id);
        assertThat(waiting.path("state").asText()).as(waiting.toString()).isEqualTo("waiting_for_input");
        assertThat(waiting.path("waiting_for").get(0).asText()).isEqualTo("process_payment");
        assertThat(status(waiting, "calculate_pricing")).isEqualTo("succeeded");
        assertThat(status(waiting, "process_payment")).isEqualTo("pending");
        assertThat(rows(database, "SELECT id FROM payments WHERE idempotency_key = ?", "order-" + id)).isEmpty();

        // Another caller may not see or approve the run.
        given().header("X-API-Key", ALICE).contentType("application/json").body("{\"approved\":true}")
                .post("/workflows/runs/" + id + "/input").then().statusCode(404);
        // An input without an explicit decision approves nothing.
        given().header("X-API-Key", ROOT).contentType("application/json").body("{\"step\":\"process_payment\"}")
                .post("/workflows/runs/" + id + "/input").then().statusCode(400);
        assertThat(get(ROOT, id).path("state").asText()).isEqualTo("waiting_for_input");
        given().header("X-API-Key", ROOT).contentType("application/json")
                .body("{\"step\":\"process_payment\",\"approved\":true,\"data\":{\"note\":\"ok by finance\"}}")
                .post("/workflows/runs/" + id + "/input").then().statusCode(200);
        JsonNode done = await(id);
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("completed");
        JsonNode approval = step(done, "process_payment").path("approval");
        assertThat(approval.path("approved").asBoolean()).isTrue();
        assertThat(approval.path("by").asText()).isEqualTo("root");
        assertThat(approval.path("data").path("note").asText()).isEqualTo("ok by finance");
        assertOrderRecorded(database, done);

        // A second input is refused: the run no longer waits.
        given().header("X-API-Key", ROOT).contentType("application/json").body("{\"approved\":true}")
                .post("/workflows/runs/" + id + "/input").then().statusCode(409)
                .body("error.code", equalTo("NOT_WAITING"));
    }

    @Test
    void whoStartedAPaymentDoesNotApproveOrCancelItWithoutTheAdminRole() throws Exception {
        String id = start(ALICE, "order_with_approval", ORDER);
        assertThat(await(id).path("state").asText()).isEqualTo("waiting_for_input");
        given().header("X-API-Key", ALICE).contentType("application/json").body("{\"approved\":true}")
                .post("/workflows/runs/" + id + "/input").then().statusCode(403)
                .body("error.message", org.hamcrest.Matchers.containsString("role 'admin'"));
        given().header("X-API-Key", ALICE).delete("/workflows/runs/" + id).then().statusCode(403);
        assertThat(get(ROOT, id).path("state").asText()).isEqualTo("waiting_for_input");
        given().header("X-API-Key", ROOT).contentType("application/json").body("{\"approved\":false}")
                .post("/workflows/runs/" + id + "/input").then().statusCode(200);
        assertThat(await(id).path("state").asText()).isEqualTo("failed");
    }

    @Test
    void rejectedApprovalFailsTheRunWithoutCharging() throws Exception {
        String id = start(ROOT, "order_with_approval", ORDER);
        assertThat(await(id).path("state").asText()).isEqualTo("waiting_for_input");
        given().header("X-API-Key", ROOT).contentType("application/json")
                .body("{\"approved\":false,\"data\":{\"reason\":\"customer called to cancel\"}}")
                .post("/workflows/runs/" + id + "/input").then().statusCode(200);
        JsonNode run = await(id);
        assertThat(run.path("state").asText()).isEqualTo("failed");
        assertThat(run.path("error").asText()).contains("rejected by root").contains("customer called to cancel");
        assertThat(status(run, "process_payment")).isEqualTo("failed");
        assertThat(step(run, "process_payment").path("error").path("code").asText()).isEqualTo("REJECTED");
        assertThat(status(run, "create_order")).isEqualTo("skipped");
        assertThat(rows(database, "SELECT id FROM payments WHERE idempotency_key = ?", "order-" + id)).isEmpty();
    }

    @Test
    void onErrorRetryTriesAgainUntilTheStepWorks() throws Exception {
        String key = "retry-" + UUID.randomUUID();
        defineOk("""
                name: retry_until_it_works
                steps:
                  - name: flaky
                    tool: fail_first_times
                    on_error: retry
                    retry: {max_attempts: 3, backoff: 50ms}
                    arguments: {key: "${input.key}", failures: 2}
                  - {name: after, tool: record_visit, depends_on: [flaky], arguments: {label: "${input.key}-after"}}
                """);
        JsonNode run = await(start(ROOT, "retry_until_it_works", "{\"key\":\"" + key + "\"}"));
        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("completed");
        assertThat(step(run, "flaky").path("attempts").asInt()).isEqualTo(3);
        assertThat(step(run, "flaky").path("result").path("calls").asInt()).isEqualTo(3);
        assertThat(run.path("executions").asInt()).isEqualTo(4);

        String exhausted = "exhausted-" + UUID.randomUUID();
        defineOk("""
                name: retry_gives_up
                steps:
                  - name: flaky
                    tool: fail_first_times
                    on_error: retry
                    retry: {max_attempts: 2, backoff: 20ms}
                    arguments: {key: "${input.key}", failures: 5}
                  - {name: after, tool: record_visit, depends_on: [flaky], arguments: {label: "${input.key}-after"}}
                """);
        JsonNode gaveUp = await(start(ROOT, "retry_gives_up", "{\"key\":\"" + exhausted + "-2\"}"));
        assertThat(gaveUp.path("state").asText()).isEqualTo("failed");
        assertThat(gaveUp.path("error").asText()).contains("flaky").contains("after 2 attempt(s)")
                .contains("planned failure 2 of 5");
        assertThat(step(gaveUp, "flaky").path("attempts").asInt()).isEqualTo(2);
        assertThat(status(gaveUp, "after")).isEqualTo("skipped");
        assertThat(WorkflowTestTools.runs(exhausted + "-2-after")).isZero();
    }

    @Test
    void onErrorContinueLetsDependentsRunAndFailStopsTheRun() throws Exception {
        String key = "continue-" + UUID.randomUUID();
        defineOk("""
                name: carry_on
                steps:
                  - {name: broken, tool: fail_first_times, on_error: continue, arguments: {key: "${input.key}", failures: 99}}
                  - name: after
                    tool: record_visit
                    depends_on: [broken]
                    arguments: {label: "${input.key}-after${steps.broken.result.calls}"}
                """);
        JsonNode run = await(start(ROOT, "carry_on", "{\"key\":\"" + key + "\"}"));
        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("completed");
        assertThat(status(run, "broken")).isEqualTo("failed");
        assertThat(step(run, "broken").path("error").path("code").asText()).isEqualTo("TOOL_REFUSED");
        assertThat(step(run, "broken").path("result").isNull()).isTrue();
        assertThat(status(run, "after")).isEqualTo("succeeded");
        assertThat(step(run, "after").path("arguments").path("label").asText()).isEqualTo(key + "-after");

        String failKey = "fail-" + UUID.randomUUID();
        defineOk("""
                name: stop_on_failure
                steps:
                  - {name: broken, tool: fail_first_times, arguments: {key: "${input.key}", failures: 99}}
                  - {name: after, tool: record_visit, depends_on: [broken], arguments: {label: "${input.key}-after"}}
                """);
        JsonNode stopped = await(start(ROOT, "stop_on_failure", "{\"key\":\"" + failKey + "\"}"));
        assertThat(stopped.path("state").asText()).isEqualTo("failed");
        assertThat(stopped.path("error").asText()).contains("step broken failed").contains("planned failure");
        assertThat(status(stopped, "after")).isEqualTo("skipped");
        assertThat(WorkflowTestTools.runs(failKey + "-after")).isZero();
    }

    @Test
    void aStepTimeoutCancelsTheCall() throws Exception {
        defineOk("""
                name: too_slow
                steps:
                  - {name: slow, tool: pause_then_answer, timeout: 300ms, arguments: {millis: 5000, label: "slow-${run.id}"}}
                """);
        long t0 = System.nanoTime();
        JsonNode run = await(start(ROOT, "too_slow", "{}"));
        assertThat(run.path("state").asText()).isEqualTo("failed");
        assertThat(step(run, "slow").path("error").path("code").asText()).isEqualTo("TIMEOUT");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(4500));
    }

    @Test
    void cancellingStopsTheRunningStepAndSkipsTheRest() throws Exception {
        defineOk("""
                name: long_wait
                steps:
                  - {name: wait, tool: pause_then_answer, arguments: {millis: 8000, label: "wait-${run.id}"}}
                  - {name: after, tool: record_visit, depends_on: [wait], arguments: {label: "after-${run.id}"}}
                """);
        String id = start(ROOT, "long_wait", "{}");
        long end = System.nanoTime() + 10_000_000_000L;
        while (!"running".equals(status(get(ROOT, id), "wait")) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        given().header("X-API-Key", ALICE).delete("/workflows/runs/" + id).then().statusCode(404);
        given().header("X-API-Key", ROOT).delete("/workflows/runs/" + id).then().statusCode(200)
                .body("state", equalTo("cancelled"));
        Thread.sleep(300);
        JsonNode run = get(ROOT, id);
        assertThat(run.path("state").asText()).isEqualTo("cancelled");
        assertThat(status(run, "wait")).isEqualTo("failed");
        assertThat(step(run, "wait").path("error").path("code").asText()).isEqualTo("CANCELLED");
        assertThat(status(run, "after")).isEqualTo("skipped");
        assertThat(WorkflowTestTools.runs("after-" + id)).isZero();
        given().header("X-API-Key", ROOT).delete("/workflows/runs/" + id).then().statusCode(409);
    }

    @Test
    void stepsRunWithTheRolesOfTheCallerWhoStartedTheRun() throws Exception {
        defineOk("""
                name: needs_finance
                steps:
                  - {name: tax, tool: calculate_tax, arguments: {amount: 100, state: NY}}
                """);
        JsonNode alices = await(start(ALICE, "needs_finance", "{}"));
        assertThat(alices.path("state").asText()).isEqualTo("failed");
        assertThat(step(alices, "tax").path("error").path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(alices.path("started_by").asText()).isEqualTo("alice");
        // Alice sees her own run, not root's; root (admin) sees both.
        given().header("X-API-Key", ALICE).get("/workflows/runs/" + alices.path("run_id").asText()).then()
                .statusCode(200);
        JsonNode roots = await(start(ROOT, "needs_finance", "{}"));
        assertThat(roots.path("state").asText()).isEqualTo("completed");
        given().header("X-API-Key", ALICE).get("/workflows/runs/" + roots.path("run_id").asText()).then()
                .statusCode(404);
        // Without any key: 401 like every other door.
        given().get("/workflows").then().statusCode(401);
    }

    @Test
    void theMaxStepsGuardStopsARunThatWouldExecuteTooManySteps() throws Exception {
        StringBuilder yaml = new StringBuilder("name: many_steps\nsteps:\n");
        for (int i = 1; i <= 45; i++) {
            yaml.append("  - {name: s").append(i).append(", tool: record_visit, arguments: {label: \"many-")
                    .append(i).append("\"}}\n");
        }
        defineOk(yaml.toString());
        JsonNode run = await(start(ROOT, "many_steps", "{}"));
        assertThat(run.path("state").asText()).isEqualTo("failed");
        assertThat(run.path("error").asText()).contains("limit of 40 step executions");
        assertThat(run.path("executions").asInt()).isEqualTo(40);
    }

    @Test
    void theOrderFromASentenceLetsTheModelChooseArguments() throws Exception {
        String calls = "[" + forced("lookup_customer", "{\"customer_id\":12345}") + ","
                + forced("search_products", "{\"query\":\"laptop\"}") + ","
                + forced("check_product_availability", "{\"product_id\":\"LAP-001\",\"quantity\":2}") + "]";
        given().baseUri(fakeUrl).body(calls).post("/fake/script").then().statusCode(200);
        int before = JSON.readTree(given().baseUri(fakeUrl).get("/fake/requests").asString()).size();

        JsonNode run = await(start(ROOT, "order_from_request",
                "{\"request\":\"I want to order 2 laptops for customer ID 12345\"}"));

        assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("completed");
        assertThat(step(run, "validate_customer").path("result").path("name").asText()).isEqualTo("Alice Johnson");
        assertThat(step(run, "check_inventory").path("arguments").path("quantity").asInt()).isEqualTo(2);
        assertThat(step(run, "create_order").path("result").path("order_id").asLong()).isPositive();
        JsonNode sent = JSON.readTree(given().baseUri(fakeUrl).get("/fake/requests").asString());
        assertThat(sent.size() - before).isEqualTo(3);
        JsonNode first = sent.get(before);
        // One tool offered, and the choice forced.
        assertThat(first.path("tools")).hasSize(1);
        assertThat(first.path("tools").get(0).path("function").path("name").asText()).isEqualTo("lookup_customer");
        assertThat(first.path("tool_choice").asText()).isEqualTo("required");
        assertThat(first.toString()).contains("I want to order 2 laptops for customer ID 12345");
        // The third call saw the results so far.
        assertThat(sent.get(before + 2).toString()).contains("Alice Johnson").contains("LAP-001");
        assertThat(rows(database, "SELECT id FROM payments WHERE idempotency_key = ?",
                "order-" + run.path("run_id").asText())).hasSize(1);
    }

    private static String forced(String tool, String arguments) throws Exception {
        String message = JSON.createObjectNode().put("role", "assistant").putNull("content").toString();
        JsonNode m = JSON.readTree(message);
        ((com.fasterxml.jackson.databind.node.ObjectNode) m).putArray("tool_calls").addObject()
                .put("id", "call_" + tool).put("type", "function").putObject("function").put("name", tool)
                .put("arguments", arguments);
        return "{\"status\":200,\"body\":{\"id\":\"chatcmpl-wf\",\"object\":\"chat.completion\",\"created\":1700000000,"
                + "\"model\":\"fake-model\",\"choices\":[{\"index\":0,\"message\":" + m + ",\"finish_reason\":"
                + "\"tool_calls\"}],\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":10,\"total_tokens\":60}}}";
    }

    @Test
    void runsCountedByStateAppearInTheMetrics() throws Exception {
        await(start(ROOT, "order_fulfillment", ORDER));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("toolgate_workflow_runs_total{"))
                .body(containsString("state=\"completed\""))
                .body(containsString("workflow=\"order_fulfillment\""));

        // The gauge of runs now in each state follows the database at each maintenance tick.
        long before = store.countByState().getOrDefault("completed", 0L);
        engine.maintain();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        long after = store.countByState().getOrDefault("completed", 0L);
        double gauge = -1;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("toolgate_workflow_runs_current{state=\"completed\"}")) {
                gauge = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        assertThat(before).isGreaterThanOrEqualTo(1);
        assertThat(gauge).isBetween((double) before, (double) after);
        assertThat(metrics).contains("toolgate_workflow_runs_current{state=\"waiting_for_input\"}");
    }

    @Test
    void recoveryRerunsAnInterruptedIdempotentStepButNeverASucceededOne() throws Exception {
        defineOk("""
                name: recover_me
                steps:
                  - {name: first, tool: record_visit, arguments: {label: "${input.label}"}}
                  - {name: quote, tool: quote_fixed_total, depends_on: [first], arguments: {total: 5}}
                  - {name: last, tool: record_visit, depends_on: [quote], arguments: {label: "${input.label}-last"}}
                """);
        String label = "recover-" + UUID.randomUUID();
        // A run as a crashed instance left it: "first" done, "quote" (idempotent) running, the lease expired.
        RunRecord run = orphan("recover_me", "{\"label\":\"" + label + "\"}");
        run.steps.get("first").status = StepStatus.SUCCEEDED;
        run.steps.get("first").attempts = 1;
        run.steps.get("first").result = JSON.readTree("{\"label\":\"" + label + "\",\"count\":1}");
        run.steps.get("quote").status = StepStatus.RUNNING;
        run.steps.get("quote").attempts = 1;
        persist(run);

        engine.recover(false);
        JsonNode done = await(run.id);
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(step(done, "first").path("attempts").asInt()).isEqualTo(1);
        assertThat(WorkflowTestTools.runs(label)).as("the succeeded step did not run again").isZero();
        assertThat(step(done, "quote").path("attempts").asInt()).isEqualTo(2);
        assertThat(WorkflowTestTools.runs(label + "-last")).isEqualTo(1);
    }

    @Test
    void recoveryFailsARunWhoseInterruptedStepIsNotIdempotent() throws Exception {
        defineOk("""
                name: recover_unsafe
                steps:
                  - {name: visit, tool: record_visit, arguments: {label: "${input.label}"}}
                  - {name: after, tool: record_visit, depends_on: [visit], arguments: {label: "${input.label}-after"}}
                """);
        String label = "unsafe-" + UUID.randomUUID();
        RunRecord run = orphan("recover_unsafe", "{\"label\":\"" + label + "\"}");
        run.steps.get("visit").status = StepStatus.RUNNING;
        run.steps.get("visit").attempts = 1;
        persist(run);

        engine.recover(false);
        JsonNode failed = await(run.id);
        assertThat(failed.path("state").asText()).isEqualTo("failed");
        assertThat(failed.path("error").asText()).contains("step visit (tool record_visit) was running")
                .contains("may or may not").contains("not marked idempotent");
        assertThat(step(failed, "visit").path("error").path("code").asText()).isEqualTo("INTERRUPTED");
        assertThat(status(failed, "after")).isEqualTo("skipped");
        assertThat(WorkflowTestTools.runs(label)).isZero();
    }

    @Test
    void aRunWhoseOwnerIsAliveIsNotTakenOver() throws Exception {
        defineOk("""
                name: owned_elsewhere
                steps:
                  - {name: visit, tool: record_visit, arguments: {label: "${input.label}"}}
                """);
        String label = "owned-" + UUID.randomUUID();
        RunRecord run = orphan("owned_elsewhere", "{\"label\":\"" + label + "\"}");
        run.leaseUntil = OffsetDateTime.now().plusMinutes(5);
        persist(run);
        engine.recover(false);
        Thread.sleep(300);
        assertThat(get(ROOT, run.id).path("state").asText()).isEqualTo("in_progress");
        assertThat(WorkflowTestTools.runs(label)).isZero();
    }

    private RunRecord orphan(String workflow, String input) throws Exception {
        WorkflowDefinition d = given().header("X-API-Key", ROOT).get("/workflows/" + workflow).then().statusCode(200)
                .extract().path("version") instanceof Integer v ? definitionsOf(workflow, v) : null;
        RunRecord run = new RunRecord("run_test" + UUID.randomUUID().toString().replace("-", ""), workflow,
                d.version(), JSON.readTree(input), new Caller("root", java.util.Set.of("admin", "shop", "finance"),
                        "api-key"), OffsetDateTime.now());
        run.state = RunState.IN_PROGRESS;
        run.leaseOwner = "tg-dead-instance";
        run.leaseUntil = OffsetDateTime.now().minusSeconds(30);
        d.steps().forEach(s -> run.steps.put(s.name(), new RunRecord.StepRecord(s.name())));
        store.insertRun(run);
        return run;
    }

    @Inject
    WorkflowDefinitions definitions;

    private WorkflowDefinition definitionsOf(String name, int version) {
        return definitions.get(name, version).orElseThrow();
    }

    private void persist(RunRecord run) {
        store.updateRun(run);
        run.steps.values().forEach(s -> store.updateStep(run.id, s));
    }
}

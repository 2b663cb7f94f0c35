package io.toolgate.mcp;

import static io.toolgate.mcp.McpCallersProfile.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.toolgate.SecuredProfile;
import io.toolgate.db.Database;
import jakarta.inject.Inject;

/**
 * What a tool asks the MCP client, used for real: {@code run_workflow} puts a workflow's approval step to the person
 * (elicitation) and its {@code arguments: llm} steps to the client's model when none is configured here (sampling),
 * in both eras and as a task; {@code charge_payment} asks before charging over
 * {@code toolgate.demo.payment-confirmation-above}. A client that cannot be asked gets what it got before.
 */
@QuarkusTest
@TestProfile(McpCallersProfile.class)
class McpWorkflowTest {

    private static final String APPROVAL = "{\"workflow\":\"order_with_approval\",\"input\":{\"customer_id\":12345,"
            + "\"product_id\":\"LAP-001\",\"quantity\":1}}";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/mcp")
    URL mcp;
    @Inject
    Database database;

    private static JsonNode result(Response response) {
        response.then().statusCode(200);
        JsonNode message = Mcp.json(response.asString());
        assertTrue(message.has("result"), message.toString());
        return message.get("result");
    }

    private static JsonNode call(Object id, String tool, String arguments, ObjectNode capabilities) {
        return result(Mcp.post2026(ALICE, Mcp.call2026(id, tool, arguments, capabilities)));
    }

    /** The same call again with the state of the last round and this round's answers. */
    private static JsonNode retry(Object id, String tool, String arguments, ObjectNode capabilities, JsonNode last,
            Map<String, JsonNode> answers) {
        ObjectNode message = Mcp.call2026(id, tool, arguments, capabilities);
        ObjectNode params = (ObjectNode) message.get("params");
        params.put("requestState", last.path("requestState").asText());
        ObjectNode responses = params.putObject("inputResponses");
        answers.forEach(responses::set);
        return result(Mcp.post2026(ALICE, message));
    }

    private static JsonNode accept(String content) {
        return Mcp.json("{\"action\":\"accept\",\"content\":" + content + "}");
    }

    /** The run a run_workflow result holds, as JSON text for the model to read. */
    private static JsonNode run(JsonNode toolResult) {
        return Mcp.json(toolResult.at("/content/0/text").asText());
    }

    private static String runId(JsonNode toolResult) {
        return run(toolResult).path("run_id").asText();
    }

    private int count(String sql, Object... params) throws Exception {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private String approval(String runId) throws Exception {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT approval FROM workflow_steps WHERE run_id = ? AND name = 'process_payment'")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), runId);
                return rs.getString(1);
            }
        }
    }

    // ---- approval by the person behind the client ------------------------------------------------------------

    @Test
    void under2026TheApprovalIsAnInputRequestAndTheRetryContinuesTheSameRun() throws Exception {
        ObjectNode caps = Mcp.capabilities("elicitation");
        int runsBefore = count("SELECT COUNT(*) FROM workflow_runs");
        JsonNode first = call("wf-1", "run_workflow", APPROVAL, caps);
        assertEquals("input_required", first.path("resultType").asText(), first.toString());
        JsonNode question = first.path("inputRequests").path("approval_process_payment");
        assertEquals("elicitation/create", question.path("method").asText(), first.toString());
        assertTrue(question.at("/params/message").asText().contains("charge_payment"), question.toString());
        assertEquals("boolean", question.at("/params/requestedSchema/properties/approved/type").asText());

        JsonNode done = retry("wf-2", "run_workflow", APPROVAL, caps, first,
                Map.of("approval_process_payment", accept("{\"approved\":true,\"note\":\"ok by Ada\"}")));
        assertEquals("complete", done.path("resultType").asText(), done.toString());
        assertFalse(done.path("isError").asBoolean(), done.toString());
        assertEquals("completed", run(done).path("state").asText(), done.toString());
        assertEquals(runsBefore + 1, count("SELECT COUNT(*) FROM workflow_runs"), "the retry started no second run");
        String approval = approval(runId(done));
        assertTrue(approval.contains("\"approved\":true") && approval.contains("ok by Ada")
                && approval.contains("mcp elicitation"), approval);
        assertEquals(1, count("SELECT COUNT(*) FROM payments WHERE idempotency_key = ?", "order-" + runId(done)));
    }

    @Test
    void aDeclinedApprovalRejectsTheStepAndNothingIsCharged() throws Exception {
        ObjectNode caps = Mcp.capabilities("elicitation");
        JsonNode first = call("wf-3", "run_workflow", APPROVAL, caps);
        JsonNode done = retry("wf-4", "run_workflow", APPROVAL, caps, first,
                Map.of("approval_process_payment", Mcp.json("{\"action\":\"decline\"}")));
        assertTrue(done.path("isError").asBoolean(), done.toString());
        String text = done.at("/content/0/text").asText();
        assertTrue(text.contains("failed") && text.contains("rejected"), text);
        String runId = text.replaceAll("(?s).*workflow run (run_[0-9a-f]+).*", "$1");
        assertEquals(0, count("SELECT COUNT(*) FROM payments WHERE idempotency_key = ?", "order-" + runId));
    }

    @Test
    void aClientThatCannotAskGetsTheWaitingRunToApproveOverRest() {
        JsonNode waiting = call("wf-5", "run_workflow", APPROVAL, Mcp.capabilities());
        assertEquals("complete", waiting.path("resultType").asText(), waiting.toString());
        assertFalse(waiting.path("isError").asBoolean(), waiting.toString());
        assertEquals("waiting_for_input", run(waiting).path("state").asText(), waiting.toString());
        assertEquals("process_payment", run(waiting).at("/waiting_for/0").asText());
        assertEquals("approval", run(waiting).at("/input_requests/0/wants").asText());
        // Over HTTP an approval is an operator's decision: not the starter's without the admin role.
        Mcp.as(ALICE).body("{\"step\":\"process_payment\",\"approved\":true}")
                .post("/workflows/runs/" + runId(waiting) + "/input").then().statusCode(403)
                .body("error.message", org.hamcrest.Matchers.containsString("role 'admin'"));
        Mcp.as(SecuredProfile.ROOT).body("{\"step\":\"process_payment\",\"approved\":true}")
                .post("/workflows/runs/" + runId(waiting) + "/input").then().statusCode(200);
    }

    @Test
    void asATaskTheApprovalWaitsInTheTaskAndTasksUpdateAnswersIt() throws Exception {
        ObjectNode caps = Mcp.withTasks(Mcp.capabilities("elicitation"));
        JsonNode task = call("wf-6", "run_workflow", APPROVAL, caps);
        assertEquals("task", task.path("resultType").asText(), task.toString());
        String taskId = task.path("taskId").asText();
        JsonNode waiting = awaitTask(taskId, "input_required", caps);
        assertEquals("elicitation/create",
                waiting.path("inputRequests").path("approval_process_payment").path("method").asText(),
                waiting.toString());
        ObjectNode update = Mcp.JSON.createObjectNode().put("taskId", taskId);
        update.putObject("inputResponses").set("approval_process_payment", accept("{\"approved\":true}"));
        result(Mcp.post2026(ALICE, Mcp.request2026("u-1", "tasks/update", update, caps)));
        JsonNode done = awaitTask(taskId, "completed", caps);
        assertEquals("completed", run(done.path("result")).path("state").asText(), done.toString());
    }

    private static JsonNode awaitTask(String taskId, String status, ObjectNode caps) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        JsonNode task;
        do {
            Thread.sleep(100);
            ObjectNode params = Mcp.JSON.createObjectNode().put("taskId", taskId);
            task = result(Mcp.post2026(ALICE, Mcp.request2026("g-" + taskId, "tasks/get", params, caps)));
        } while (!status.equals(task.path("status").asText()) && System.nanoTime() < end);
        assertEquals(status, task.path("status").asText(), task.toString());
        return task;
    }

    @Test
    void under2025ThePersonIsAskedOnTheCallsStream() throws Exception {
        String session = Mcp.initialize(ALICE, "{\"elicitation\":{}}");
        Map<String, String> headers = Map.of("X-API-Key", ALICE, "Mcp-Session-Id", session, "MCP-Protocol-Version",
                "2025-11-25");
        try (McpStream call = McpStream.post(URI.create(mcp.toString()), headers,
                Mcp.call(41, "run_workflow", APPROVAL))) {
            JsonNode question = call.next(WAIT);
            assertEquals("elicitation/create", question.path("method").asText(), question.toString());
            Mcp.as(ALICE).header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25")
                    .body("{\"jsonrpc\":\"2.0\",\"id\":" + question.get("id") + ",\"result\":{\"action\":\"accept\","
                            + "\"content\":{\"approved\":true}}}")
                    .post("/mcp").then().statusCode(202);
            JsonNode response = call.next(WAIT);
            assertEquals(41, response.path("id").asInt(), response.toString());
            assertEquals("completed", run(response.path("result")).path("state").asText(), response.toString());
        }
    }

    // ---- arguments chosen by the client's model -------------------------------------------------------------

    @Test
    void withoutAModelTheClientsModelChoosesTheLlmStepsArguments() throws Exception {
        ObjectNode caps = Mcp.capabilities("sampling");
        String arguments = "{\"workflow\":\"order_from_request\",\"input\":{\"request\":\"I want to order 1 laptop"
                + " for customer ID 12345\"}}";
        Map<String, String> choices = Map.of(
                "arguments_validate_customer", "{\"customer_id\": 12345}",
                "arguments_find_product", "Here you are:\n```json\n{\"query\": \"laptop\"}\n```",
                "arguments_check_inventory", "{\"product_id\": \"LAP-001\", \"quantity\": 1}");
        JsonNode round = call("s-0", "run_workflow", arguments, caps);
        int rounds = 0;
        while ("input_required".equals(round.path("resultType").asText())) {
            assertTrue(++rounds <= 3, "one round per llm step: " + round);
            String key = round.path("inputRequests").fieldNames().next();
            JsonNode question = round.path("inputRequests").path(key);
            assertEquals("sampling/createMessage", question.path("method").asText(), round.toString());
            assertTrue(question.at("/params/messages/0/content/text").asText().contains("JSON Schema"),
                    question.toString());
            JsonNode answer = Mcp.json("{\"role\":\"assistant\",\"model\":\"test-model\",\"content\":{\"type\":"
                    + "\"text\",\"text\":" + Mcp.JSON.writeValueAsString(choices.get(key)) + "}}");
            round = retry("s-" + rounds, "run_workflow", arguments, caps, round, Map.of(key, answer));
        }
        assertEquals(3, rounds);
        assertEquals("completed", run(round).path("state").asText(), round.toString());
        JsonNode steps = run(round).path("steps");
        assertEquals(12345, steps.path(0).at("/arguments/customer_id").asInt(), steps.toString());
        assertEquals("laptop", steps.path(1).at("/arguments/query").asText(), steps.toString());
        assertEquals("succeeded", steps.path(6).path("status").asText(), steps.toString());
    }

    @Test
    void withoutAModelOrSamplingTheLlmStepFailsAsBefore() {
        JsonNode failed = call("s-9", "run_workflow", "{\"workflow\":\"order_from_request\",\"input\":{\"request\":"
                + "\"1 laptop for 12345\"}}", Mcp.capabilities("elicitation"));
        assertTrue(failed.path("isError").asBoolean(), failed.toString());
        assertTrue(failed.at("/content/0/text").asText().contains("no model is configured"), failed.toString());
    }

    // ---- charge_payment asks before a large charge ----------------------------------------------------------

    private static String charge(String key, String amount) {
        return "{\"customer_id\":12345,\"amount\":" + amount + ",\"currency\":\"USD\",\"idempotency_key\":\"" + key
                + "\"}";
    }

    @Test
    void aLargeChargeIsConfirmedFirst() throws Exception {
        ObjectNode caps = Mcp.capabilities("elicitation");
        String arguments = charge("mcp-confirm-1", "1500");
        JsonNode first = call("p-1", "charge_payment", arguments, caps);
        assertEquals("input_required", first.path("resultType").asText(), first.toString());
        JsonNode question = first.path("inputRequests").path("confirm_charge");
        assertTrue(question.at("/params/message").asText().contains("1500.00 USD"), question.toString());
        assertEquals(0, count("SELECT COUNT(*) FROM payments WHERE idempotency_key = 'mcp-confirm-1'"));

        JsonNode charged = retry("p-2", "charge_payment", arguments, caps, first,
                Map.of("confirm_charge", accept("{\"confirm\":true}")));
        assertEquals("captured", charged.at("/structuredContent/status").asText(), charged.toString());
        assertEquals(1, count("SELECT COUNT(*) FROM payments WHERE idempotency_key = 'mcp-confirm-1'"));
    }

    @Test
    void anUnconfirmedChargeIsNotMade() throws Exception {
        ObjectNode caps = Mcp.capabilities("elicitation");
        String arguments = charge("mcp-confirm-2", "2500");
        JsonNode first = call("p-3", "charge_payment", arguments, caps);
        JsonNode refused = retry("p-4", "charge_payment", arguments, caps, first,
                Map.of("confirm_charge", accept("{\"confirm\":false}")));
        assertTrue(refused.path("isError").asBoolean(), refused.toString());
        assertTrue(refused.at("/content/0/text").asText().contains("did not confirm"), refused.toString());
        assertEquals(0, count("SELECT COUNT(*) FROM payments WHERE idempotency_key = 'mcp-confirm-2'"));
    }

    @Test
    void smallChargesAndClientsThatCannotAskAreNotAsked() throws Exception {
        JsonNode small = call("p-5", "charge_payment", charge("mcp-confirm-3", "20"), Mcp.capabilities("elicitation"));
        assertEquals("captured", small.at("/structuredContent/status").asText(), small.toString());
        JsonNode unasked = call("p-6", "charge_payment", charge("mcp-confirm-4", "1500"), Mcp.capabilities());
        assertEquals("captured", unasked.at("/structuredContent/status").asText(), unasked.toString());
    }

    @Test
    void aClientCannotForgeWhatATookRemembered() {
        ObjectNode message = Mcp.call2026("f-1", "run_workflow", APPROVAL, Mcp.capabilities("elicitation"));
        ((ObjectNode) message.get("params")).putObject("inputResponses").putObject("toolgate.memo/run_id")
                .put("action", "accept");
        Mcp.post2026(ALICE, message).then().statusCode(200)
                .body("error.code", org.hamcrest.Matchers.equalTo(-32602))
                .body("error.message", org.hamcrest.Matchers.containsString("answers no question"));
    }
}

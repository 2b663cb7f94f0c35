package io.toolgate.mcp;

import static io.toolgate.mcp.McpCallersProfile.ALICE;
import static io.toolgate.mcp.McpCallersProfile.BOB;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.toolgate.db.Database;
import jakarta.inject.Inject;

/**
 * The 2026-07-28 tasks extension: a call of a task-capable tool from a client that declared the extension becomes a
 * task when it outlives {@code toolgate.mcp.task-window} (100 ms), kept in {@code mcp_tasks}; the client polls it
 * with tasks/get, answers its questions with tasks/update and stops it with tasks/cancel. Tasks belong to the
 * principal that started them.
 */
@QuarkusTest
@TestProfile(McpCallersProfile.class)
class McpTasksTest {

    @Inject
    Database database;

    private static ObjectNode tasksAndElicitation() {
        return Mcp.withTasks(Mcp.capabilities("elicitation"));
    }

    /** Starts a call that must become a task; returns the task id. */
    private static String startTask(String apiKey, Object id, String tool, String arguments) {
        Response response = Mcp.post2026(apiKey, Mcp.call2026(id, tool, arguments, tasksAndElicitation()));
        response.then().statusCode(200).contentType(startsWith("application/json")).body("id", equalTo(id));
        JsonNode result = Mcp.json(response.asString()).get("result");
        assertEquals("task", result.path("resultType").asText(), result.toString());
        assertEquals("working", result.path("status").asText(), result.toString());
        assertTrue(result.path("pollIntervalMs").asLong() > 0, result.toString());
        assertTrue(result.path("ttlMs").asLong() > 0, result.toString());
        String taskId = result.path("taskId").asText();
        assertTrue(taskId.length() >= 20, "task ids are unguessable: " + taskId);
        return taskId;
    }

    private static Response taskRequest(String apiKey, String method, String taskId, ObjectNode extra,
            ObjectNode capabilities) {
        ObjectNode params = extra == null ? Mcp.JSON.createObjectNode() : extra.deepCopy();
        params.put("taskId", taskId);
        return Mcp.post2026(apiKey, Mcp.request2026(method + "-" + taskId, method, params, capabilities));
    }

    private static JsonNode get(String apiKey, String taskId) {
        Response response = taskRequest(apiKey, "tasks/get", taskId, null, tasksAndElicitation());
        response.then().statusCode(200);
        JsonNode message = Mcp.json(response.asString());
        assertNotNull(message.get("result"), message.toString());
        return message.get("result");
    }

    private static JsonNode awaitStatus(String taskId, String status, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        JsonNode task = get(ALICE, taskId);
        while (!status.equals(task.path("status").asText()) && System.nanoTime() < end) {
            Thread.sleep(100);
            task = get(ALICE, taskId);
        }
        assertEquals(status, task.path("status").asText(), task.toString());
        assertEquals(taskId, task.path("taskId").asText());
        assertEquals("complete", task.path("resultType").asText(), "tasks/get itself is a complete result");
        return task;
    }

    /** The task's row in mcp_tasks, or an empty map. */
    private Map<String, Object> row(String taskId) throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT principal, tool, status, cancel_requested, result, input_requests, answers FROM mcp_tasks"
                        + " WHERE id = ?")) {
            ps.setString(1, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    for (String column : new String[] { "principal", "tool", "status", "cancel_requested", "result",
                            "input_requests", "answers" }) {
                        row.put(column, rs.getObject(column));
                    }
                }
            }
        }
        return row;
    }

    @Test
    void aSlowCallBecomesATaskThatIsPolledToItsResult() throws Exception {
        String taskId = startTask(ALICE, 1, "slow_compute", "{\"seconds\":2,\"label\":\"report\"}");
        Map<String, Object> stored = row(taskId);
        assertEquals("alice", stored.get("principal"), stored.toString());
        assertEquals("slow_compute", stored.get("tool"));
        assertEquals("WORKING", stored.get("status"));

        JsonNode working = get(ALICE, taskId);
        assertEquals("working", working.path("status").asText(), working.toString());
        assertTrue(working.path("result").isMissingNode(), working.toString());

        JsonNode done = awaitStatus(taskId, "completed", Duration.ofSeconds(15));
        assertEquals("Computed report in 2 s", done.at("/result/content/0/text").asText(), done.toString());
        assertFalse(done.at("/result/isError").asBoolean(false));
        assertEquals("COMPLETED", row(taskId).get("status"));
        assertTrue(String.valueOf(row(taskId).get("result")).contains("Computed report in 2 s"));
    }

    @Test
    void withoutTheExtensionTheSameToolIsAnsweredDirectly() {
        Mcp.post2026(ALICE, Mcp.call2026(2, "slow_compute", "{\"seconds\":1,\"label\":\"direct\"}",
                Mcp.capabilities())).then().statusCode(200)
                .body("result.resultType", equalTo("complete"))
                .body("result.taskId", nullValue())
                .body("result.content[0].text", equalTo("Computed direct in 1 s"));
    }

    @Test
    void aCallEndingWithinTheWindowIsAnsweredDirectlyEvenWithTheExtension() {
        Mcp.post2026(ALICE, Mcp.call2026(3, "slow_compute", "{\"seconds\":0,\"label\":\"quick\"}",
                tasksAndElicitation())).then().statusCode(200)
                .body("result.resultType", equalTo("complete"))
                .body("result.content[0].text", equalTo("Computed quick in 0 s"));
    }

    @Test
    void cancellingAMinuteLongTaskEndsItWithinSeconds() throws Exception {
        String taskId = startTask(ALICE, 4, "slow_compute", "{\"seconds\":60,\"label\":\"long\"}");
        long started = System.nanoTime();
        taskRequest(ALICE, "tasks/cancel", taskId, null, tasksAndElicitation()).then().statusCode(200)
                .body("result.resultType", equalTo("complete"))
                .body("error", nullValue());
        JsonNode cancelled = awaitStatus(taskId, "cancelled", Duration.ofSeconds(5));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10);
        assertTrue(cancelled.path("result").isMissingNode(), cancelled.toString());
        Map<String, Object> stored = row(taskId);
        assertEquals("CANCELLED", stored.get("status"), stored.toString());
        assertEquals(Boolean.TRUE, stored.get("cancel_requested"));
        // Cancelling an ended task changes nothing.
        taskRequest(ALICE, "tasks/cancel", taskId, null, tasksAndElicitation()).then().statusCode(200);
        assertEquals("cancelled", get(ALICE, taskId).path("status").asText());
    }

    @Test
    void aTaskAskingTheUserWaitsInInputRequiredUntilUpdated() throws Exception {
        String taskId = startTask(ALICE, 5, "confirm_delete", "{\"filename\":\"old.log\"}");
        JsonNode waiting = awaitStatus(taskId, "input_required", Duration.ofSeconds(10));
        JsonNode question = waiting.path("inputRequests").path("confirm_delete");
        assertEquals("elicitation/create", question.path("method").asText(), waiting.toString());
        assertEquals("Delete old.log?", question.at("/params/message").asText());
        assertEquals("INPUT_REQUIRED", row(taskId).get("status"));

        ObjectNode update = Mcp.JSON.createObjectNode();
        update.putObject("inputResponses").putObject("confirm_delete").put("action", "accept").putObject("content")
                .put("confirm", true);
        taskRequest(ALICE, "tasks/update", taskId, update, tasksAndElicitation()).then().statusCode(200)
                .body("result.resultType", equalTo("complete"))
                .body("error", nullValue());

        JsonNode done = awaitStatus(taskId, "completed", Duration.ofSeconds(10));
        assertEquals("Deleted old.log", done.at("/result/content/0/text").asText(), done.toString());
        assertTrue(done.path("inputRequests").isMissingNode(), done.toString());
        assertTrue(String.valueOf(row(taskId).get("answers")).contains("confirm_delete"));
    }

    @Test
    void aTaskRequiredToolIsRefusedWithoutTheExtension() {
        Mcp.post2026(ALICE, Mcp.call2026("f-1", "failing_job", "{}", Mcp.capabilities("elicitation"))).then()
                .statusCode(400)
                .body("id", equalTo("f-1"))
                .body("result", nullValue())
                .body("error.code", equalTo(-32021))
                .body("error.message", containsString("failing_job"))
                .body("error.data.requiredCapabilities.extensions", notNullValue());
        Response refused = Mcp.post2026(ALICE, Mcp.call2026("f-2", "failing_job", "{}", Mcp.capabilities()));
        assertTrue(Mcp.json(refused.asString()).at("/error/data/requiredCapabilities/extensions").path(Mcp.TASKS)
                .isObject(), refused.asString());
    }

    @Test
    void aTaskRequiredToolWithTheExtensionEndsWithItsToolError() throws Exception {
        String taskId = startTask(ALICE, "f-3", "failing_job", "{}");
        JsonNode done = awaitStatus(taskId, "completed", Duration.ofSeconds(10));
        assertTrue(done.at("/result/isError").asBoolean(), done.toString());
        assertTrue(done.at("/result/content/0/text").asText().contains("the job failed"), done.toString());
    }

    @Test
    void tasksMethodsNeedTheExtensionToo() {
        taskRequest(ALICE, "tasks/get", "whatever", null, Mcp.capabilities()).then().statusCode(400)
                .body("error.code", equalTo(-32021));
    }

    @Test
    void anotherPrincipalCannotSeeUpdateOrCancelATask() throws Exception {
        String taskId = startTask(ALICE, 6, "slow_compute", "{\"seconds\":2,\"label\":\"mine\"}");
        for (String method : new String[] { "tasks/get", "tasks/cancel" }) {
            taskRequest(BOB, method, taskId, null, tasksAndElicitation()).then().statusCode(200)
                    .body("result", nullValue())
                    .body("error.code", equalTo(-32602));
        }
        ObjectNode update = Mcp.json("{\"inputResponses\":{\"x\":{\"action\":\"accept\"}}}");
        taskRequest(BOB, "tasks/update", taskId, update, tasksAndElicitation()).then().statusCode(200)
                .body("error.code", equalTo(-32602));
        // Refused exactly like a task that does not exist, so ids cannot be probed.
        String unknown = taskRequest(BOB, "tasks/get", "no-such-task", null, tasksAndElicitation()).then()
                .statusCode(200).body("error.code", equalTo(-32602)).extract().path("error.message");
        assertNotNull(unknown);

        assertEquals(Boolean.FALSE, row(taskId).get("cancel_requested"), "bob's cancel reached the task");
        JsonNode done = awaitStatus(taskId, "completed", Duration.ofSeconds(15));
        assertEquals("Computed mine in 2 s", done.at("/result/content/0/text").asText());
    }
}

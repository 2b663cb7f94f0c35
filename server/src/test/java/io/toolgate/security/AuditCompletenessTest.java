package io.toolgate.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;




import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.toolgate.db.Database;
import io.toolgate.invoke.Door;
import io.toolgate.invoke.Invocation;
import io.toolgate.invoke.InvocationPipeline;
import io.toolgate.invoke.Outcome;
import jakarta.inject.Inject;

/**
 * Every call is audited, even when thousands arrive at once and the writer's queue (256 in tests) is far smaller
 * than the burst: calls wait for room instead of records being dropped.
 */
@QuarkusTest
class AuditCompletenessTest {

    @Inject
    InvocationPipeline pipeline;
    @Inject
    Database database;
    @Inject
    AuditLog audit;

    /** One outcome row per call; greet_uni is not read-only, so its valid calls also have their started row. */
    @Test
    void aBurstOfCallsLeavesExactlyOneRowEach() throws Exception {
        String requestId = "burst-" + UUID.randomUUID();
        int calls = 3000;
        List<CompletableFuture<Outcome>> pending = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            // Mixed outcomes: successes, validation errors and unknown tools are all audited.
            String tool = i % 3 == 2 ? "no_such_tool" : "greet_uni";
            Object args = i % 3 == 1 ? "{\"name\": 7}" : "{\"name\":\"n" + i + "\"}";
            pending.add(pipeline.invoke(Invocation.builder(tool, Door.INTERNAL).arguments(args)
                    .requestId(requestId).build()).toCompletableFuture());
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        long deadline = System.currentTimeMillis() + 30_000;
        long rows = 0;
        while (System.currentTimeMillis() < deadline) {
            rows = count(requestId);
            if (rows == calls) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(rows).isEqualTo(calls);
        assertThat(count(requestId, "started")).as("started rows: the calls that ran").isEqualTo(calls / 3);
        assertThat(count(requestId, "VALIDATION_ERROR")).isEqualTo(calls / 3);
        assertThat(count(requestId, "FUNCTION_NOT_FOUND")).isEqualTo(calls / 3);
    }

    @Test
    void auditedArgumentsAreRedacted() throws Exception {
        given().contentType("application/json")
                .body("{\"query\":\"laptop\",\"password\":\"hunter2-secret\",\"nested\":{\"api_key\":\"sk-live-1\"}}")
                .post("/tools/search_products/invoke").then().statusCode(422);
        long deadline = System.currentTimeMillis() + 10_000;
        String arguments = null;
        while (arguments == null && System.currentTimeMillis() < deadline) {
            try (Connection c = database.dataSource().getConnection();
                    PreparedStatement ps = c.prepareStatement("SELECT arguments FROM audit_log WHERE tool ="
                            + " 'search_products' AND arguments LIKE '%password%' ORDER BY id DESC")) {
                try (ResultSet rs = ps.executeQuery()) {
                    arguments = rs.next() ? rs.getString(1) : null;
                }
            }
            Thread.sleep(50);
        }
        assertThat(arguments).contains("sha256:").doesNotContain("hunter2").doesNotContain("sk-live-1");
    }

    /**
     * A caller's tool call id longer than its column, or holding NUL, is audited fitted, and the writer goes on: a
     * record the database refused used to be retried for ever, holding up every call after it.
     */
    @Test
    void aCallerValueTheColumnCannotHoldIsFittedAndTheLogGoesOn() throws Exception {
        String requestId = "fit-" + UUID.randomUUID();
        String longId = "c".repeat(300);
        for (String callId : List.of(longId, "a\u0000b")) {
            pipeline.invoke(Invocation.builder("greet_uni", Door.INTERNAL).arguments("{\"name\":\"x\"}")
                    .toolCallId(callId).requestId(requestId).build()).toCompletableFuture().join();
        }
        pipeline.invoke(Invocation.builder("no_such_tool_" + "t".repeat(300), Door.INTERNAL).arguments("{}")
                .requestId(requestId).build()).toCompletableFuture().join();
        long deadline = System.currentTimeMillis() + 10_000;
        while (count(requestId) < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(count(requestId)).isEqualTo(3);
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT tool_call_id, tool FROM audit_log WHERE"
                        + " request_id = ? AND phase <> 'started' ORDER BY id")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).hasSize(128).startsWith("ccc").endsWith("…");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("a\uFFFDb");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).hasSize(128).startsWith("no_such_tool_").endsWith("…");
            }
        }
    }

    private long count(String requestId) throws Exception {
        return count(requestId, null);
    }

    /** @param code an error code of outcome rows, or "started" for the started rows; null for all outcome rows */
    private long count(String requestId, String code) throws Exception {
        String which = code == null ? " AND phase <> 'started'"
                : code.equals("started") ? " AND phase = 'started'" : " AND phase <> 'started' AND code = ?";
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM audit_log WHERE request_id = ?"
                        + which)) {
            ps.setString(1, requestId);
            if (code != null && !code.equals("started")) {
                ps.setString(2, code);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

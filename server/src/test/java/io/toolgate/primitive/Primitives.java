package io.toolgate.primitive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.db.Database;
import io.toolgate.security.Caller;

/** What the resource, prompt and completion tests share: callers, waiting for answers, JSON, audit rows. */
public final class Primitives {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** The returns policy as SampleFiles seeds it; tests that need the file write it only when it is missing. */
    public static final String RETURNS_POLICY = """
            Returns policy

            Items can be returned within 30 days of delivery for a full refund, in their original packaging.
            Laptops and phones must come back with all accessories and without damage.
            Gold and platinum members get free return shipping; others pay 6.99 USD.
            Refunds reach the original payment method within 5 business days of the return arriving.
            """;

    private Primitives() {
    }

    public static Caller caller(String principal, String... roles) {
        return new Caller(principal, Set.of(roles), "api-key");
    }

    public static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The result body, failing the test with the refusal if there was one. */
    public static ObjectNode ok(CompletionStage<ObjectNode> answer) {
        try {
            return answer.toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("expected a result, got " + e.getCause(), e);
        }
    }

    /** The refusal, failing the test when there was a result instead. */
    public static PrimitiveException refusal(CompletionStage<ObjectNode> answer) {
        try {
            ObjectNode body = answer.toCompletableFuture().get(20, TimeUnit.SECONDS);
            throw new AssertionError("expected a refusal, got " + body);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            if (cause instanceof PrimitiveException p) {
                return p;
            }
            throw new AssertionError("expected a PrimitiveException, got " + cause, cause);
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Outcome rows (principal, door, success, code) of one target, oldest first, waiting briefly for the writer.
     */
    public static List<List<String>> auditRows(Database database, String tool, String principal, int atLeast)
            throws Exception {
        long end = System.currentTimeMillis() + 10_000;
        List<List<String>> rows;
        do {
            rows = new ArrayList<>();
            try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT principal, door, success, code, arguments FROM audit_log WHERE tool = ? AND principal = ?"
                            + " AND phase <> 'started' ORDER BY id")) {
                ps.setString(1, tool);
                ps.setString(2, principal);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(List.of(rs.getString(1), rs.getString(2), String.valueOf(rs.getBoolean(3)),
                                String.valueOf(rs.getString(4)), String.valueOf(rs.getString(5))));
                    }
                }
            }
            if (rows.size() >= atLeast) {
                return rows;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < end);
        return rows;
    }

    public static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }
}

package io.toolgate.mcp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** MCP tasks in the database: every change is written before it is acknowledged, so any instance reads the truth. */
@ApplicationScoped
public class TaskStore {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    enum Status {
        WORKING, INPUT_REQUIRED, COMPLETED, FAILED, CANCELLED;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean terminal() {
            return this == COMPLETED || this == FAILED || this == CANCELLED;
        }
    }

    /** One task as stored. JSON columns are parsed; absent ones are null. */
    record Task(String id, String principal, String tool, Status status, String statusMessage,
            ObjectNode inputRequests, ObjectNode answers, JsonNode result, JsonNode error, boolean cancelRequested,
            Instant createdAt, Instant updatedAt, Instant expiresAt) {
    }

    @Inject
    Database database;

    void create(String id, String principal, String tool, Instant expiresAt) {
        Instant now = Instant.now();
        update("INSERT INTO mcp_tasks (id, principal, tool, status, cancel_requested, created_at, updated_at,"
                + " expires_at) VALUES (?, ?, ?, ?, FALSE, ?, ?, ?)", id, principal, tool, Status.WORKING.name(),
                time(now), time(now), time(expiresAt));
    }

    /** The live task with this id; {@code principal} null finds it whoever owns it (the running instance). */
    Optional<Task> find(String id, String principal) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, principal, tool, status, status_message, input_requests, answers, result, error,"
                        + " cancel_requested, created_at, updated_at, expires_at FROM mcp_tasks WHERE id = ?"
                        + " AND (principal = ? OR ? IS NULL) AND expires_at > ?")) {
            ps.setString(1, id);
            ps.setString(2, principal);
            ps.setString(3, principal);
            ps.setObject(4, time(Instant.now()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Task(rs.getString(1), rs.getString(2), rs.getString(3),
                        Status.valueOf(rs.getString(4)), rs.getString(5), object(rs.getString(6)),
                        object(rs.getString(7)), json(rs.getString(8)), json(rs.getString(9)), rs.getBoolean(10),
                        instant(rs, 11), instant(rs, 12), instant(rs, 13)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading MCP task " + id + " failed", e);
        }
    }

    /** The task waits for these questions (only the open ones); answers given so far are kept. */
    void awaitInput(String id, ObjectNode questions) {
        update("UPDATE mcp_tasks SET status = ?, input_requests = ?, updated_at = ? WHERE id = ? AND status = ?",
                Status.INPUT_REQUIRED.name(), questions.toString(), time(Instant.now()), id, Status.WORKING.name());
    }

    /**
     * Adds the client's answers to questions the task asked and drops those from its open questions; answers to
     * anything else are ignored. When nothing stays open the task is working again. Two instances may take answers
     * for one task at once (a client answering two questions in two requests): each writes only if the row is still
     * the one it read (its {@code updated_at}), and reads again otherwise, so no answer is lost.
     */
    synchronized void answer(Task task, JsonNode responses) {
        Task current = task;
        for (int attempt = 0; attempt < 20 && current != null; attempt++) {
            if (current.status() != Status.INPUT_REQUIRED || current.inputRequests() == null) {
                return;
            }
            ObjectNode open = current.inputRequests().deepCopy();
            ObjectNode answers = current.answers() == null ? MAPPER.createObjectNode() : current.answers().deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> response = it.next();
                if (open.has(response.getKey()) && response.getValue().isObject()) {
                    open.remove(response.getKey());
                    answers.set(response.getKey(), response.getValue());
                }
            }
            boolean done = open.isEmpty();
            if (update("UPDATE mcp_tasks SET status = ?, input_requests = ?, answers = ?, updated_at = ? WHERE id = ?"
                    + " AND status = ? AND updated_at = ?", done ? Status.WORKING.name() : Status.INPUT_REQUIRED.name(),
                    done ? null : open.toString(), answers.toString(), time(Instant.now()), current.id(),
                    Status.INPUT_REQUIRED.name(), time(current.updatedAt())) == 1) {
                return;
            }
            current = find(current.id(), null).orElse(null);
        }
        if (current != null) {
            throw new IllegalStateException("the answers to task " + current.id() + " could not be stored: the task"
                    + " kept changing");
        }
    }

    void requestCancel(String id) {
        update("UPDATE mcp_tasks SET cancel_requested = TRUE, updated_at = ? WHERE id = ?", time(Instant.now()), id);
    }

    /** The end of a task; a task that already ended keeps its end. */
    void finish(String id, Status status, JsonNode result, JsonNode error, String message) {
        update("UPDATE mcp_tasks SET status = ?, result = ?, error = ?, status_message = ?, input_requests = NULL,"
                + " updated_at = ? WHERE id = ? AND status IN (?, ?)", status.name(),
                result == null ? null : result.toString(), error == null ? null : error.toString(), message,
                time(Instant.now()), id, Status.WORKING.name(), Status.INPUT_REQUIRED.name());
    }

    int deleteExpired() {
        return update("DELETE FROM mcp_tasks WHERE expires_at < ?", time(Instant.now()));
    }

    private int update(String sql, Object... values) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("writing MCP tasks failed", e);
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored task holds invalid JSON", e);
        }
    }

    private static ObjectNode object(String text) {
        JsonNode node = json(text);
        return node instanceof ObjectNode object ? object : null;
    }
}

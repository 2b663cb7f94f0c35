package io.toolgate.workflow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.toolgate.db.Database;
import io.toolgate.primitive.Listeners;
import io.toolgate.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Workflow definitions, runs and steps in the active database (embedded H2 or PostgreSQL), plain JDBC with bound
 * parameters. Ownership of a run is a lease (owner id + expiry) taken and renewed with conditional UPDATEs, so two
 * instances never both think they own one run.
 */
@ApplicationScoped
public class WorkflowStore {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Database database;

    private final Listeners<String> runChanges = new Listeners<>();
    private final Listeners<String> definitionChanges = new Listeners<>();

    /**
     * Called with a run's id after its state or one of its steps was written (MCP {@code toolgate://runs/<id>}
     * subscribers hear of it). On the engine's thread: listeners must be quick.
     */
    public void onRunChanged(Consumer<String> listener) {
        runChanges.add(listener);
    }

    /** Called with a workflow's name after a new version of its definition was stored. */
    public void onDefinitionStored(Consumer<String> listener) {
        definitionChanges.add(listener);
    }

    public record StoredDefinition(String name, int version, String source, String origin, String createdBy,
            OffsetDateTime createdAt) {
    }

    public static final class StoreException extends RuntimeException {
        StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    // --- definitions -----------------------------------------------------------------------------------------------

    public Optional<StoredDefinition> latest(String name) {
        List<StoredDefinition> rows = definitions("SELECT name, version, source, origin, created_by, created_at FROM"
                + " workflow_definitions WHERE name = ? ORDER BY version DESC", name);
        return rows.stream().findFirst();
    }

    public Optional<StoredDefinition> definition(String name, int version) {
        return definitions("SELECT name, version, source, origin, created_by, created_at FROM workflow_definitions"
                + " WHERE name = ? AND version = ?", name, version).stream().findFirst();
    }

    /** The newest version of every workflow, by name. */
    public List<StoredDefinition> latestOfEach() {
        return definitions("SELECT d.name, d.version, d.source, d.origin, d.created_by, d.created_at FROM"
                + " workflow_definitions d WHERE d.version = (SELECT MAX(v.version) FROM workflow_definitions v"
                + " WHERE v.name = d.name) ORDER BY d.name");
    }

    /** @return false when that version already exists (another instance stored it first) */
    public boolean insertDefinition(StoredDefinition d) {
        try (Connection c = database.durable("workflows").getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO workflow_definitions (name, version, source, origin, created_by, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, d.name());
            ps.setInt(2, d.version());
            ps.setString(3, d.source());
            ps.setString(4, d.origin());
            ps.setString(5, d.createdBy());
            ps.setObject(6, d.createdAt());
            ps.executeUpdate();
            definitionChanges.fire(d.name());
            return true;
        } catch (SQLException e) {
            if (latest(d.name()).map(x -> x.version() >= d.version()).orElse(false)) {
                return false;
            }
            throw new StoreException("the workflow definition could not be stored", e);
        }
    }

    private List<StoredDefinition> definitions(String sql, Object... params) {
        return list(sql, rs -> new StoredDefinition(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getObject(6, OffsetDateTime.class)), "workflow definitions could not be read",
                params);
    }

    // --- runs ------------------------------------------------------------------------------------------------------

    /** The run and all its steps in one transaction, owned by {@code owner} until the lease ends. */
    public void insertRun(RunRecord run) {
        try (Connection c = database.durable("workflows").getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO workflow_runs (id, workflow, version,"
                        + " state, input, principal, roles, auth_method, error, executions, created_at, updated_at,"
                        + " finished_at, lease_owner, lease_until, arguments_from_client) VALUES (?, ?, ?, ?, ?, ?, ?,"
                        + " ?, NULL, 0, ?, ?, NULL, ?, ?, ?)")) {
                    bind(ps, run.id, run.workflow, run.version, run.state.id(), run.input.toString(),
                            run.caller.principal(), String.join(",", run.caller.roles()), run.caller.method(),
                            run.createdAt, run.createdAt, run.leaseOwner, run.leaseUntil, run.argumentsFromClient);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO workflow_steps (run_id, name, status,"
                        + " attempts) VALUES (?, ?, ?, 0)")) {
                    for (RunRecord.StepRecord s : run.steps.values()) {
                        bind(ps, run.id, s.name, s.status.id());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("the workflow run could not be stored", e);
        }
        flush();
        runChanges.fire(run.id);
    }

    public Optional<RunRecord> run(String id) {
        try (Connection c = database.durable("workflows").getConnection()) {
            RunRecord run;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, workflow, version, state, input, principal,"
                    + " roles, auth_method, error, executions, created_at, updated_at, finished_at, lease_owner,"
                    + " lease_until, arguments_from_client FROM workflow_runs WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    run = run(rs);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT name, status, attempts, arguments, result, error,"
                    + " approval, started_at, finished_at FROM workflow_steps WHERE run_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    List<RunRecord.StepRecord> steps = new ArrayList<>();
                    while (rs.next()) {
                        RunRecord.StepRecord s = new RunRecord.StepRecord(rs.getString(1));
                        s.status = StepStatus.of(rs.getString(2));
                        s.attempts = rs.getInt(3);
                        s.arguments = json(rs.getString(4));
                        s.result = json(rs.getString(5));
                        s.error = json(rs.getString(6));
                        s.approval = json(rs.getString(7));
                        s.startedAt = rs.getObject(8, OffsetDateTime.class);
                        s.finishedAt = rs.getObject(9, OffsetDateTime.class);
                        steps.add(s);
                    }
                    steps.forEach(s -> run.steps.put(s.name, s));
                }
            }
            return Optional.of(run);
        } catch (SQLException e) {
            throw new StoreException("the workflow run could not be read", e);
        }
    }

    /** Ids of runs, newest first; only the principal's own unless {@code principal} is null. */
    public List<String> runIds(String principal, String workflow, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id FROM workflow_runs WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (principal != null) {
            sql.append(" AND principal = ?");
            params.add(principal);
        }
        if (workflow != null) {
            sql.append(" AND workflow = ?");
            params.add(workflow);
        }
        sql.append(" ORDER BY created_at DESC LIMIT ").append(limit);
        return ids(sql.toString(), params.toArray());
    }

    public String state(String id) {
        try (Connection c = database.durable("workflows").getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT state FROM workflow_runs WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new StoreException("the workflow run could not be read", e);
        }
    }

    /** Writes state, error, executions and timestamps of the run. */
    public void updateRun(RunRecord run) {
        run.updatedAt = now();
        execute("UPDATE workflow_runs SET state = ?, error = ?, executions = ?, updated_at = ?, finished_at = ?,"
                + " lease_owner = ?, lease_until = ? WHERE id = ?", run.state.id(), run.error, run.executions,
                run.updatedAt, run.finishedAt, run.leaseOwner, run.leaseUntil, run.id);
        flush();
        runChanges.fire(run.id);
    }

    /**
     * Moves a run to {@code to} only while it is in {@code from} (a compare-and-set), e.g. a cancel racing with the
     * last step, or two instances taking the same input.
     */
    public boolean transition(String id, RunState from, RunState to, String error) {
        boolean moved = transitionUnflushed(id, from, to, error);
        flush();
        if (moved) {
            runChanges.fire(id);
        }
        return moved;
    }

    private boolean transitionUnflushed(String id, RunState from, RunState to, String error) {
        OffsetDateTime now = now();
        if (error == null) {
            return execute("UPDATE workflow_runs SET state = ?, updated_at = ?, finished_at = ? WHERE id = ? AND"
                    + " state = ?", to.id(), now, to.terminal() ? now : null, id, from.id()) == 1;
        }
        return execute("UPDATE workflow_runs SET state = ?, error = ?, updated_at = ?, finished_at = ? WHERE id = ?"
                + " AND state = ?", to.id(), error, now, to.terminal() ? now : null, id, from.id()) == 1;
    }

    public void updateStep(String runId, RunRecord.StepRecord s) {
        execute("UPDATE workflow_steps SET status = ?, attempts = ?, arguments = ?, result = ?, error = ?,"
                + " approval = ?, started_at = ?, finished_at = ? WHERE run_id = ? AND name = ?", s.status.id(),
                s.attempts, text(s.arguments), text(s.result), text(s.error), text(s.approval), s.startedAt,
                s.finishedAt, runId, s.name);
        flush();
        runChanges.fire(runId);
    }

    // --- leases ----------------------------------------------------------------------------------------------------

    /**
     * Takes over a run that nobody holds (waiting for input, just resumed) or whose owner's lease expired: true when
     * this instance now owns it.
     */
    public boolean claim(String id, String owner, OffsetDateTime until) {
        return execute("UPDATE workflow_runs SET lease_owner = ?, lease_until = ? WHERE id = ? AND (lease_owner IS"
                + " NULL OR lease_owner = ? OR lease_until < ?)", owner, until, id, owner, now()) == 1;
    }

    /**
     * Input arrived for a waiting run: moves it to in_progress and takes its lease in one statement, so no other
     * instance can see it in progress without an owner in between. False when the run no longer waits.
     */
    public boolean resumeWaiting(String id, String owner, OffsetDateTime until) {
        boolean resumed = execute("UPDATE workflow_runs SET state = 'in_progress', lease_owner = ?, lease_until = ?,"
                + " updated_at = ? WHERE id = ? AND state = 'waiting_for_input'", owner, until, now(), id) == 1;
        flush();
        if (resumed) {
            runChanges.fire(id);
        }
        return resumed;
    }

    /** Runs in progress whose owner's lease has expired: candidates to continue. */
    public List<String> orphans(int limit) {
        return ids("SELECT id FROM workflow_runs WHERE state IN ('started', 'in_progress') AND (lease_until IS NULL OR"
                + " lease_until < ?) ORDER BY created_at LIMIT " + limit, now());
    }

    /** True for the embedded database, which only this process can open: nobody else can be running its runs. */
    public boolean embedded() {
        Boolean known = embedded;
        if (known != null) {
            return known;
        }
        try (Connection c = database.durable("workflows").getConnection()) {
            embedded = "H2".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
            return embedded;
        } catch (SQLException e) {
            return false;
        }
    }

    private volatile Boolean embedded;

    /**
     * H2 writes committed transactions to its file up to a second later (its write delay), so a killed process
     * loses the last second of commits. A workflow transition must be on disk before the engine acts on it (a step
     * is "running" before its call starts, "succeeded" before its dependents start), so on H2 each one is followed
     * by a CHECKPOINT, which writes everything committed so far, the tools' own writes included. PostgreSQL's
     * commit is durable already.
     */
    private void flush() {
        if (!embedded()) {
            return;
        }
        try (Connection c = database.durable("workflows").getConnection(); PreparedStatement ps = c.prepareStatement(
                "CHECKPOINT")) {
            ps.execute();
        } catch (SQLException e) {
            throw new StoreException("the workflow state could not be written to disk", e);
        }
    }

    /** Every run in progress, whoever holds its lease. */
    public List<String> unfinishedRuns(int limit) {
        return ids("SELECT id FROM workflow_runs WHERE state IN ('started', 'in_progress') ORDER BY created_at LIMIT "
                + limit);
    }

    /** The first column of each row: run ids. */
    private List<String> ids(String sql, Object... params) {
        return list(sql, rs -> rs.getString(1), "workflow runs could not be read", params);
    }

    /** Reads one row of a result set; it may throw what JDBC throws. */
    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Every row of a query, each read by {@code row}; a database error becomes a StoreException saying {@code what}. */
    private <T> List<T> list(String sql, Row<T> row, String what, Object... params) {
        try (Connection c = database.durable("workflows").getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.read(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }

    /** Takes a run in progress regardless of its lease (only where no other process can hold it). */
    public boolean takeOver(String id, String owner, OffsetDateTime until) {
        // Never a run this instance itself started or resumed meanwhile (those carry its owner id).
        return execute("UPDATE workflow_runs SET lease_owner = ?, lease_until = ? WHERE id = ? AND state IN"
                + " ('started', 'in_progress') AND (lease_owner IS NULL OR lease_owner <> ?)", owner, until, id,
                owner) == 1;
    }

    public void renew(String id, String owner, OffsetDateTime until) {
        execute("UPDATE workflow_runs SET lease_until = ? WHERE id = ? AND lease_owner = ?", until, id, owner);
    }

    public void release(String id, String owner) {
        execute("UPDATE workflow_runs SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
                id, owner);
    }

    /** Runs per state (for the gauge). */
    public java.util.Map<String, Long> countByState() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        try (Connection c = database.durable("workflows").getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT state, COUNT(*) FROM workflow_runs GROUP BY state"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("workflow runs could not be counted", e);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private RunRecord run(ResultSet rs) throws SQLException {
        Set<String> roles = new LinkedHashSet<>();
        String r = rs.getString(7);
        if (r != null && !r.isBlank()) {
            roles.addAll(Arrays.asList(r.split(",")));
        }
        Caller caller = new Caller(rs.getString(6), Set.copyOf(roles), rs.getString(8));
        RunRecord run = new RunRecord(rs.getString(1), rs.getString(2), rs.getInt(3), json(rs.getString(5)), caller,
                rs.getObject(11, OffsetDateTime.class));
        run.state = RunState.of(rs.getString(4));
        run.error = rs.getString(9);
        run.executions = rs.getInt(10);
        run.updatedAt = rs.getObject(12, OffsetDateTime.class);
        run.finishedAt = rs.getObject(13, OffsetDateTime.class);
        run.leaseOwner = rs.getString(14);
        run.leaseUntil = rs.getObject(15, OffsetDateTime.class);
        run.argumentsFromClient = rs.getBoolean(16);
        return run;
    }

    private int execute(String sql, Object... params) {
        try (Connection c = database.durable("workflows").getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("the workflow state could not be written", e);
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                ps.setNull(i + 1, java.sql.Types.NULL);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    private static String text(JsonNode node) {
        return node == null ? null : node.toString();
    }

    private static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}

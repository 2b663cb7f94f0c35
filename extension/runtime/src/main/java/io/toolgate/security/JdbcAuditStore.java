package io.toolgate.security;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

/** The audit log as the {@code audit_log} table of the application's datasource (Toolgate's V10 migration). */
final class JdbcAuditStore implements AuditStore {

    private static final Logger LOG = Logger.getLogger(JdbcAuditStore.class);

    private static final String INSERT = "INSERT INTO audit_log (at, request_id, principal, door, tool, tool_call_id,"
            + " arguments, success, code, duration_ms, prompt_tokens, completion_tokens, total_tokens, phase, instance)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT id, at, request_id, principal, door, tool, tool_call_id,"
            + " arguments, success, code, duration_ms, prompt_tokens, completion_tokens, total_tokens, phase, instance"
            + " FROM audit_log WHERE 1 = 1";
    private static final String OPEN = "INSERT INTO audit_open (id, instance, at, request_id, principal, door, tool,"
            + " tool_call_id, arguments) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String MARK = "INSERT INTO audit_marks (at_minute, first_id)"
            + " SELECT ?, COALESCE(MAX(id), 0) + 1 FROM audit_log";
    private static final String SETTLE = "DELETE FROM audit_open WHERE id = ?"; // one, counted: recover
    private static final String SETTLE_ALL = "DELETE FROM audit_open WHERE id = ANY (?)";
    private static final String ABANDONED = "SELECT id, instance, at, request_id, principal, door, tool, tool_call_id,"
            + " arguments FROM audit_open o WHERE o.instance <> ? AND NOT EXISTS (SELECT 1 FROM audit_instances i"
            + " WHERE i.instance = o.instance AND i.heartbeat_at >= ?)";
    // No mark at or after the minute: nothing was written since, so no id qualifies.
    private static final String FROM_MARK = "id >= COALESCE((SELECT MIN(first_id) FROM audit_marks"
            + " WHERE at_minute >= ?), 9223372036854775807)";

    /** What the writes adapt to: H2's CHECKPOINT for durable batches, PostgreSQL's COPY for rows. */
    private enum Database {
        H2, POSTGRESQL, OTHER
    }

    private final DataSource dataSource;
    // The writer thread's own, like every write.
    private Database database;
    private Instant markedMinute;
    private Instant pendingMinute;

    JdbcAuditStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void write(List<AuditRecord> batch, List<Open> opened, List<String> settled, boolean persist)
            throws IOException {
        // One transaction per batch, so a retried batch can never leave half of itself behind twice.
        inTransaction(persist, c -> {
            mark(c);
            log(c, batch);
            open(c, opened);
            settle(c, settled);
            return null;
        });
    }

    /** Rows of audit_log: by COPY on PostgreSQL, batched INSERTs elsewhere. */
    private void log(Connection c, List<AuditRecord> records) throws SQLException {
        if (database(c) == Database.POSTGRESQL) {
            PostgresAuditCopy.log(c, records);
        } else {
            insert(c, records);
        }
    }

    private void open(Connection c, List<Open> opened) throws SQLException {
        if (database(c) == Database.POSTGRESQL) {
            PostgresAuditCopy.open(c, opened);
        } else {
            insertOpen(c, opened);
        }
    }

    /** One statement for the batch's settled rows, not one DELETE each. */
    private static void settle(Connection c, List<String> settled) throws SQLException {
        if (settled.isEmpty()) {
            return;
        }
        try (PreparedStatement settle = c.prepareStatement(SETTLE_ALL)) {
            settle.setArray(1, c.createArrayOf("varchar", settled.toArray()));
            settle.executeUpdate();
        }
    }

    private static void insertOpen(Connection c, List<Open> opened) throws SQLException {
        if (opened.isEmpty()) {
            return;
        }
        try (PreparedStatement open = c.prepareStatement(OPEN)) {
            for (Open o : opened) {
                AuditRecord r = o.started();
                open.setString(1, o.id());
                open.setString(2, r.instance());
                open.setTimestamp(3, Timestamp.from(r.at()));
                open.setString(4, r.requestId());
                open.setString(5, r.principal());
                open.setString(6, r.door());
                open.setString(7, r.tool());
                open.setString(8, r.toolCallId());
                open.setString(9, r.arguments());
                open.addBatch();
            }
            open.executeBatch();
        }
    }

    /**
     * This writer's first batch of each minute (by this clock, read after the batch's records took their time) marks
     * the smallest id its rows and all its later rows can get (audit_marks, V35), so that GET /audit's "from" is a
     * range of the primary key. Other instances' writers mark their own. Kept only once committed, so a rolled-back
     * mark is written again.
     */
    private void mark(Connection c) throws SQLException {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        if (minute.equals(markedMinute)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(MARK)) {
            ps.setTimestamp(1, Timestamp.from(minute));
            ps.executeUpdate();
        }
        pendingMinute = minute;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs the work in one transaction: committed when it returns, rolled back when it throws.
     *
     * @param persist whether the commit must be on disk when this returns. It is on PostgreSQL (and any database
     *        that does not say otherwise); the embedded H2 keeps commits in memory for up to its write delay (500 ms)
     *        and writes them in the background, so CHECKPOINT writes them now. Only batches a call waits for pay for
     *        it; read-only traffic keeps H2's cheaper commits (WRITE_DELAY=0 for every commit cost about 20 µs of CPU
     *        per call, docs/benchmarks.md).
     */
    private <T> T inTransaction(boolean persist, Work<T> work) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            T result;
            try {
                result = work.run(c);
                c.commit();
                if (pendingMinute != null) {
                    markedMinute = pendingMinute;
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                pendingMinute = null;
            }
            if (persist && database(c) == Database.H2) {
                try (Statement checkpoint = c.createStatement()) {
                    checkpoint.execute("CHECKPOINT");
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private Database database(Connection c) throws SQLException {
        if (database == null) {
            String product = c.getMetaData().getDatabaseProductName();
            database = "H2".equals(product) ? Database.H2
                    : "PostgreSQL".equals(product) && PostgresAuditCopy.usable(c) ? Database.POSTGRESQL
                    : Database.OTHER;
            LOG.debugf("Audit rows go to %s %s", product,
                    database == Database.POSTGRESQL ? "with COPY" : "with batched INSERTs");
        }
        return database;
    }

    private static void insert(Connection c, List<AuditRecord> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (AuditRecord r : batch) {
                bind(ps, r);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bind(PreparedStatement ps, AuditRecord r) throws SQLException {
        ps.setTimestamp(1, Timestamp.from(r.at()));
        ps.setString(2, r.requestId());
        ps.setString(3, r.principal());
        ps.setString(4, r.door());
        ps.setString(5, r.tool());
        ps.setString(6, r.toolCallId());
        ps.setString(7, r.arguments());
        ps.setBoolean(8, r.success());
        ps.setString(9, r.code());
        ps.setDouble(10, r.durationMs());
        setInt(ps, 11, r.promptTokens());
        setInt(ps, 12, r.completionTokens());
        setInt(ps, 13, r.totalTokens());
        ps.setString(14, r.phase());
        ps.setString(15, r.instance());
    }

    @Override
    public void heartbeat(String instance, Instant now) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE audit_instances SET heartbeat_at = ? WHERE instance = ?")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setString(2, instance);
                if (update.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO audit_instances (instance, heartbeat_at) VALUES (?, ?)")) {
                insert.setString(1, instance);
                insert.setTimestamp(2, Timestamp.from(now));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * In one transaction: the outcome_unknown rows and the deletion of the open rows they settle. The DELETE counts:
     * when two instances recover the same row at once, the one whose DELETE finds nothing rolls back, so each dead
     * call gets one outcome_unknown row.
     */
    @Override
    public List<AuditRecord> recover(String instance, Instant deadBefore) throws IOException {
        return inTransaction(false, c -> {
            List<String> ids = new ArrayList<>();
            List<AuditRecord> recovered = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(ABANDONED)) {
                ps.setString(1, instance);
                ps.setTimestamp(2, Timestamp.from(deadBefore));
                try (ResultSet rs = ps.executeQuery()) {
                    Instant now = Instant.now();
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                        recovered.add(new AuditRecord(null, rs.getTimestamp(3).toInstant(), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                                rs.getString(9), false, null, 0, null, null, null, AuditRecord.STARTED,
                                rs.getString(2)).outcomeUnknown(now));
                    }
                }
            }
            try (PreparedStatement delete = c.prepareStatement(SETTLE)) {
                for (String id : ids) {
                    delete.setString(1, id);
                    if (delete.executeUpdate() != 1) {
                        c.rollback(); // another instance recovered it meanwhile; the commit that follows is empty
                        return List.<AuditRecord>of();
                    }
                }
            }
            mark(c);
            log(c, recovered);
            return recovered;
        });
    }

    /** Rows are newest first by id, so the last id shown is where the next page starts. */
    @Override
    public String cursor(AuditRecord record) {
        return String.valueOf(record.id());
    }

    private static Long idOf(String cursor) {
        try {
            return Long.valueOf(cursor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("before must be the 'next' of an earlier page, got '" + cursor + "'");
        }
    }

    @Override
    public List<AuditRecord> search(AuditQuery query) throws IOException {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> params = new ArrayList<>();
        filter(sql, params, "tool = ?", query.tool());
        filter(sql, params, "principal = ?", query.principal());
        filter(sql, params, "code = ?", query.code());
        if (AuditRecord.COMPLETED.equals(query.phase())) {
            sql.append(" AND (phase = 'completed' OR phase IS NULL)");
        } else {
            filter(sql, params, "phase = ?", query.phase());
        }
        filter(sql, params, "at >= ?", query.from() == null ? null : Timestamp.from(query.from()));
        filter(sql, params, "at < ?", query.to() == null ? null : Timestamp.from(query.to()));
        filter(sql, params, "id < ?", query.before() == null ? null : idOf(query.before()));
        // Only the primary key is indexed (V36): newest recorded first, "from" as an id range.
        filter(sql, params, FROM_MARK, query.from() == null ? null
                : Timestamp.from(query.from().truncatedTo(ChronoUnit.MINUTES)));
        sql.append(" ORDER BY id DESC LIMIT ").append(query.limit());
        List<AuditRecord> records = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    records.add(new AuditRecord(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getBoolean(9), rs.getString(10), rs.getDouble(11), (Integer) rs.getObject(12),
                            (Integer) rs.getObject(13), (Integer) rs.getObject(14), rs.getString(15),
                            rs.getString(16)));
                }
            }
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
        return records;
    }

    @Override
    public int deleteOlderThan(Instant cutoff) throws IOException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM audit_log WHERE at < ?");
                PreparedStatement marks = c.prepareStatement("DELETE FROM audit_marks WHERE at_minute < ?")) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            int deleted = ps.executeUpdate();
            // Every row left was written in the cutoff's minute or later, so older marks bound nothing.
            marks.setTimestamp(1, Timestamp.from(cutoff.truncatedTo(ChronoUnit.MINUTES)));
            marks.executeUpdate();
            return deleted;
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "the audit_log table";
    }

    private static void filter(StringBuilder sql, List<Object> params, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            params.add(value);
        }
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }
}

package io.toolgate.security;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** The audit log as the {@code audit_log} table of the application's datasource (Toolgate's V10 migration). */
final class JdbcAuditStore implements AuditStore {

    private static final String INSERT = "INSERT INTO audit_log (at, request_id, principal, door, tool, tool_call_id,"
            + " arguments, success, code, duration_ms, prompt_tokens, completion_tokens, total_tokens)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT id, at, request_id, principal, door, tool, tool_call_id,"
            + " arguments, success, code, duration_ms, prompt_tokens, completion_tokens, total_tokens"
            + " FROM audit_log WHERE 1 = 1";

    private final DataSource dataSource;

    JdbcAuditStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void write(List<AuditRecord> batch) throws IOException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            // One transaction per batch, so a retried batch can never leave half of itself behind twice.
            c.setAutoCommit(false);
            for (AuditRecord r : batch) {
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
                ps.addBatch();
            }
            try {
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public List<AuditRecord> search(AuditQuery query) throws IOException {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> params = new ArrayList<>();
        filter(sql, params, "tool = ?", query.tool());
        filter(sql, params, "principal = ?", query.principal());
        filter(sql, params, "code = ?", query.code());
        filter(sql, params, "at >= ?", query.from() == null ? null : Timestamp.from(query.from()));
        filter(sql, params, "at < ?", query.to() == null ? null : Timestamp.from(query.to()));
        sql.append(" ORDER BY at DESC, id DESC LIMIT ").append(query.limit());
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
                            (Integer) rs.getObject(13), (Integer) rs.getObject(14)));
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
                PreparedStatement ps = c.prepareStatement("DELETE FROM audit_log WHERE at < ?")) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            return ps.executeUpdate();
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

package io.toolgate.rest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.smallrye.common.annotation.Blocking;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.db.Database;
import io.toolgate.invoke.ErrorCode;
import io.toolgate.security.AuditRecord;
import io.toolgate.security.Caller;
import io.toolgate.security.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The persisted audit log, newest first, for callers holding {@code toolgate.security.admin-role}. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    Database database;
    @Inject
    Callers callers;
    @Inject
    ToolgateConfig config;

    @GET
    @Blocking
    public Response search(@QueryParam("tool") String tool, @QueryParam("principal") String principal,
            @QueryParam("code") String code, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("100") int limit) throws SQLException {
        Caller caller = callers.current();
        String admin = config.security().adminRole();
        if (!caller.roles().contains(admin)) {
            return RestErrors.refuse(403, ErrorCode.FORBIDDEN, "(caller)", "role",
                    "the audit log is readable only with the role '" + admin + "'");
        }
        if (limit < 1 || limit > 1000) {
            return RestErrors.badRequest("limit", "range", "limit must be between 1 and 1000, got " + limit);
        }
        StringBuilder sql = new StringBuilder("SELECT id, at, request_id, principal, door, tool, tool_call_id,"
                + " arguments, success, code, duration_ms, prompt_tokens, completion_tokens, total_tokens"
                + " FROM audit_log WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        filter(sql, params, "tool", tool);
        filter(sql, params, "principal", principal);
        filter(sql, params, "code", code);
        try {
            if (from != null && !from.isBlank()) {
                sql.append(" AND at >= ?");
                params.add(Timestamp.from(Instant.parse(from)));
            }
            if (to != null && !to.isBlank()) {
                sql.append(" AND at < ?");
                params.add(Timestamp.from(Instant.parse(to)));
            }
        } catch (DateTimeParseException e) {
            return RestErrors.badRequest(from != null && to == null ? "from" : "from/to", "format",
                    "from and to must be ISO-8601 instants such as 2026-11-24T10:00:00Z");
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ").append(limit);
        List<AuditRecord> records = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
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
        }
        return Response.ok(Map.of("records", records)).build();
    }

    private static void filter(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }
}

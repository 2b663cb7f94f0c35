package io.toolgate.rest;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.common.annotation.Blocking;
import io.toolgate.security.AdminRole;
import io.toolgate.security.AuditRecord;
import io.toolgate.security.AuditStore;
import io.toolgate.security.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The persisted audit log (database or file sink), newest first, for callers holding
 * {@code toolgate.security.admin-role}; paged by cursor ({@code next} of a full page, passed back as {@code before}),
 * which neither repeats nor skips records that share a time.
 */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditStore store;
    @Inject
    Callers callers;
    @Inject
    AdminRole adminRole;

    @GET
    @Blocking
    public Response search(@QueryParam("tool") String tool, @QueryParam("principal") String principal,
            @QueryParam("code") String code, @QueryParam("phase") String phase, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("before") String before,
            @QueryParam("limit") @DefaultValue("100") int limit) throws IOException {
        Response refused = adminRole.refusal(callers.current(), "reading the audit log");
        if (refused != null) {
            return refused;
        }
        if (limit < 1 || limit > 1000) {
            return RestErrors.badRequest("limit", "range", "limit must be between 1 and 1000, got " + limit);
        }
        if (phase != null && !phase.isBlank() && !PHASES.contains(phase)) {
            return RestErrors.badRequest("phase", "enum", "phase must be one of " + PHASES + ", got '" + phase + "'");
        }
        Instant since;
        Instant until;
        try {
            since = from == null || from.isBlank() ? null : Instant.parse(from);
        } catch (DateTimeParseException e) {
            return RestErrors.badRequest("from", "format", "from must be an ISO-8601 instant such as 2026-11-24T10:00:00Z");
        }
        try {
            until = to == null || to.isBlank() ? null : Instant.parse(to);
        } catch (DateTimeParseException e) {
            return RestErrors.badRequest("to", "format", "to must be an ISO-8601 instant such as 2026-11-24T10:00:00Z");
        }
        List<AuditRecord> records;
        try {
            records = store.search(new AuditStore.AuditQuery(blankToNull(tool), blankToNull(principal),
                    blankToNull(code), blankToNull(phase), since, until, limit, blankToNull(before)));
        } catch (IllegalArgumentException e) {
            return RestErrors.badRequest("before", "format", e.getMessage());
        }
        // A full page may have older records after it: "next" is the "before" of the page that follows.
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("records", records);
        if (records.size() == limit) {
            page.put("next", store.cursor(records.get(records.size() - 1)));
        }
        return Response.ok(page).build();
    }

    private static final List<String> PHASES = List.of(AuditRecord.STARTED, AuditRecord.COMPLETED,
            AuditRecord.OUTCOME_UNKNOWN);

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

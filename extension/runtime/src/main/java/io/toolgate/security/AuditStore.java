package io.toolgate.security;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Where audit records are kept: the application's database ({@link JdbcAuditStore}) or, in an application without
 * one, an append-only JSON Lines file ({@link JsonLinesAuditStore}). {@link AuditLog} does the queueing, batching and
 * retrying in front of either.
 */
public interface AuditStore {

    /** Writes the batch durably, all or nothing as far as the store allows; throws to have it retried. */
    void write(List<AuditRecord> batch) throws IOException;

    /** Newest first. */
    List<AuditRecord> search(AuditQuery query) throws IOException;

    /** Drops what is older than {@code cutoff}; returns how many records (or files) went. */
    int deleteOlderThan(Instant cutoff) throws IOException;

    /** For logs: where the records go. */
    String describe();

    /** A search of the audit log; null fields do not filter. */
    record AuditQuery(String tool, String principal, String code, Instant from, Instant to, int limit) {

        boolean matches(AuditRecord r) {
            return (tool == null || tool.equals(r.tool())) && (principal == null || principal.equals(r.principal()))
                    && (code == null || code.equals(r.code())) && (from == null || !r.at().isBefore(from))
                    && (to == null || r.at().isBefore(to));
        }
    }
}

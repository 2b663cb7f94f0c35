package io.toolgate.security;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Where audit records are kept: the application's database ({@link JdbcAuditStore}) or, in an application without
 * one, an append-only JSON Lines file ({@link JsonLinesAuditStore}). {@link AuditLog} does the queueing, batching and
 * retrying in front of either.
 *
 * <p>Write-ahead records: a side-effecting call's {@code started} record is written (and counts as open) before its
 * tool runs; the outcome record settles it. What an instance left open when it died is turned into
 * {@code outcome_unknown} records by {@link #recover}, run by the instances that live on.
 */
public interface AuditStore {

    /** A started record that stays open until its outcome is written; the id is unique across instances. */
    record Open(String id, AuditRecord started) {
    }

    /**
     * Writes the batch, all or nothing as far as the store allows; throws to have it retried.
     *
     * @param opened the started records of this batch, which stay open
     * @param settled the ids of open records whose outcome is in this batch
     * @param persist whether a call waits for this batch: it must then be in the store's files, not only committed
     *        in memory, when this returns (the embedded H2 keeps commits in memory for up to its write delay)
     */
    void write(List<AuditRecord> batch, List<Open> opened, List<String> settled, boolean persist) throws IOException;

    default void write(List<AuditRecord> batch) throws IOException {
        write(batch, List.of(), List.of(), false);
    }

    /** Records that this instance is alive; instances that stop doing so have their open records recovered. */
    void heartbeat(String instance, Instant now) throws IOException;

    /**
     * Writes an {@code outcome_unknown} record for every open record of another instance whose last heartbeat is
     * before {@code deadBefore}, and closes it.
     *
     * @return the records written
     */
    List<AuditRecord> recover(String instance, Instant deadBefore) throws IOException;

    /**
     * Newest first; with {@link AuditQuery#before} the records after (older than) the one that cursor names.
     *
     * @throws IllegalArgumentException when the cursor is not one this store gave
     */
    List<AuditRecord> search(AuditQuery query) throws IOException;

    /**
     * The cursor of a record this store returned, for {@link AuditQuery#before}: the next page starts right after
     * it, so paging neither repeats nor skips records, even many with the same time.
     */
    String cursor(AuditRecord record);

    /** Drops what is older than {@code cutoff}; returns how many records (or files) went. */
    int deleteOlderThan(Instant cutoff) throws IOException;

    /** For logs: where the records go. */
    String describe();

    /** A search of the audit log; null fields do not filter; {@code before} is a {@link #cursor}. */
    record AuditQuery(String tool, String principal, String code, String phase, Instant from, Instant to,
            int limit, String before) {

        public AuditQuery(String tool, String principal, String code, String phase, Instant from, Instant to,
                int limit) {
            this(tool, principal, code, phase, from, to, limit, null);
        }

        boolean matches(AuditRecord r) {
            return (tool == null || tool.equals(r.tool())) && (principal == null || principal.equals(r.principal()))
                    && (code == null || code.equals(r.code())) && (phase == null || phase.equals(r.phaseOrCompleted()))
                    && (from == null || !r.at().isBefore(from)) && (to == null || r.at().isBefore(to));
        }
    }
}

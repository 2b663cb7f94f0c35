package io.toolgate.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The audit table round trip on both databases: PostgreSQL's rows go through COPY's text format (PostgresAuditCopy),
 * H2's through batched INSERTs; whatever a field holds comes back as it was written.
 */
class JdbcAuditStoreTest {

    private static final String SCHEMA = "toolgate_audit_store_test";

    static Stream<String> databases() {
        return Stream.of("h2", "postgresql");
    }

    private static DataSource dataSource(String database) throws SQLException, IOException {
        DataSource ds;
        if (database.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + SCHEMA + System.nanoTime() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
                    + "DATABASE_TO_LOWER=TRUE");
            ds = h2;
        } else {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setUrl("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA);
            pg.setUser("postgres");
            ds = pg;
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            if (database.equals("postgresql")) {
                s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
                s.execute("CREATE SCHEMA " + SCHEMA);
            }
            migrate(s, "V10__audit_log.sql", "V33__audit_write_ahead.sql");
        }
        return ds;
    }

    /** A database with every audit migration. */
    private static DataSource upgraded(String database) throws SQLException, IOException {
        DataSource ds = dataSource(database);
        migrateRest(ds);
        return ds;
    }

    /** The audit migrations after V33, as an upgraded database runs them. */
    private static void migrateRest(DataSource ds) throws SQLException, IOException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            migrate(s, "V34__audit_log_append_only_indexes.sql", "V35__audit_marks.sql",
                    "V36__audit_log_primary_key_only.sql");
        }
    }

    private static void migrate(Statement s, String... migrations) throws SQLException, IOException {
        for (String migration : migrations) {
            for (String statement : statements(migration)) {
                s.execute(statement);
            }
        }
    }

    /** The migration's statements, its comment lines left out. */
    private static List<String> statements(String migration) throws IOException {
        try (InputStream in = JdbcAuditStoreTest.class.getResourceAsStream("/db/migration/" + migration)) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + "\n" + b);
            return Stream.of(sql.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }

    private static AuditRecord record(String requestId, Instant at, String arguments, String phase) {
        return new AuditRecord(null, at, requestId, "carol\t\"the admin\"", "mcp", "charge_payment", "call\\1",
                arguments, false, "TOOL_REFUSED", 0.0001, 12, null, 40, phase, "instance-a");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyFieldComesBackAsWritten(String database) throws Exception {
        JdbcAuditStore store = new JdbcAuditStore(upgraded(database));
        Instant at = Instant.parse("2026-12-06T22:50:01.123456Z");
        String awkward = "{\"note\":\"tab\\there, line\\nbreak, back\\\\slash, \\\\N, quote \\\" and ünïcødé 🔧\"}"
                + "\t\n\r\\N";
        AuditRecord started = record("req-1", at, awkward, AuditRecord.STARTED);
        AuditRecord plain = new AuditRecord(null, at.plusMillis(1), "req-2", "anonymous", "rest", null, null, null,
                true, null, Double.MAX_VALUE, null, null, null, AuditRecord.COMPLETED, "instance-a");
        store.write(List.of(started, plain), List.of(new AuditStore.Open("open-1", started)), List.of(), true);

        List<AuditRecord> found = store.search(new AuditStore.AuditQuery(null, null, null, null, null, null, 10));
        assertThat(found).hasSize(2);
        assertThat(found.get(0)).usingRecursiveComparison().ignoringFields("id").isEqualTo(plain);
        assertThat(found.get(1)).usingRecursiveComparison().ignoringFields("id").isEqualTo(started);

        // The open row holds the same text: a dead instance's call is recovered from it as written.
        List<AuditRecord> recovered = store.recover("instance-b", Instant.now().plusSeconds(60));
        assertThat(recovered).singleElement().satisfies(r -> {
            assertThat(r.arguments()).isEqualTo(awkward);
            assertThat(r.principal()).isEqualTo(started.principal());
            assertThat(r.requestId()).isEqualTo("req-1");
            assertThat(r.phase()).isEqualTo(AuditRecord.OUTCOME_UNKNOWN);
        });
        assertThat(store.recover("instance-b", Instant.now().plusSeconds(60))).isEmpty();
    }

    /** Over-long and NUL-holding values from callers are fitted when the record is made, so both databases take them. */
    @ParameterizedTest
    @MethodSource("databases")
    void valuesTheColumnsCannotHoldAreFitted(String database) throws Exception {
        JdbcAuditStore store = new JdbcAuditStore(upgraded(database));
        AuditRecord r = new AuditRecord(null, Instant.now(), "req-fit", "p\u0000" + "p".repeat(300), "rest",
                "t".repeat(126) + "\uD83D\uDD27xx", "c".repeat(300), "{}", false, "FUNCTION_NOT_FOUND", 1, null, null,
                null, AuditRecord.STARTED, "instance-a");
        store.write(List.of(r), List.of(new AuditStore.Open("open-fit", r)), List.of(), true);

        AuditRecord found = store.search(new AuditStore.AuditQuery(null, null, null, null, null, null, 1)).get(0);
        assertThat(found.principal()).hasSize(200).startsWith("p\uFFFDp").endsWith("…");
        assertThat(found.tool()).isEqualTo("t".repeat(126) + "…"); // the emoji's pair is not cut in half
        assertThat(found.toolCallId()).hasSize(128).endsWith("…");
        assertThat(store.recover("instance-b", Instant.now().plusSeconds(60))).singleElement()
                .extracting(AuditRecord::principal).isEqualTo(found.principal());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void outcomesSettleTheirOpenRows(String database) throws Exception {
        JdbcAuditStore store = new JdbcAuditStore(upgraded(database));
        Instant at = Instant.parse("2026-12-06T22:50:01Z");
        AuditRecord started3 = record("req-3", at, "{}", AuditRecord.STARTED);
        AuditRecord started4 = record("req-4", at, "{}", AuditRecord.STARTED);
        AuditRecord started5 = record("req-5", at, "{}", AuditRecord.STARTED);
        store.write(List.of(started3, started4, started5), List.of(new AuditStore.Open("open-3", started3),
                new AuditStore.Open("open-4", started4), new AuditStore.Open("open-5", started5)), List.of(), true);
        store.write(List.of(record("req-3", at.plusMillis(5), "{}", AuditRecord.COMPLETED),
                record("req-5", at.plusMillis(6), "{}", AuditRecord.COMPLETED)), List.of(),
                List.of("open-3", "open-5"), true);

        assertThat(store.recover("instance-b", Instant.now().plusSeconds(60))).extracting(AuditRecord::requestId)
                .containsExactly("req-4");
        assertThat(store.search(new AuditStore.AuditQuery(null, null, null, AuditRecord.COMPLETED, null, null, 10)))
                .extracting(AuditRecord::requestId).containsExactlyInAnyOrder("req-3", "req-5");
    }

    /**
     * "from" finds exactly the rows at or after it: rows from before the marks existed (bounded by the marks the
     * migration derives from their times) and rows written now whose time lies hours back (bounded by the mark of the
     * minute they were written in, by either of two writers); "to" and the limit apply on top. Newest recorded first.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void fromFindsOldAndNewRowsExactly(String database) throws Exception {
        DataSource ds = dataSource(database);
        Instant now = Instant.now();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) { // as an older Toolgate wrote them
            for (String old : List.of("old-1", "old-2")) {
                s.execute("INSERT INTO audit_log (at, request_id, principal, door, success, duration_ms) VALUES"
                        + " (TIMESTAMP WITH TIME ZONE '" + now.minus(old.equals("old-1") ? 72 : 48, ChronoUnit.HOURS)
                        + "', '" + old + "', 'alice', 'rest', TRUE, 1)");
            }
        }
        migrateRest(ds);
        JdbcAuditStore store = new JdbcAuditStore(ds);
        store.write(List.of(record("new-1", now.minus(3, ChronoUnit.HOURS), "{}", AuditRecord.COMPLETED),
                record("new-2", now.minus(1, ChronoUnit.HOURS), "{}", AuditRecord.COMPLETED),
                record("new-3", now.minusSeconds(1), "{}", AuditRecord.COMPLETED)));

        // A second instance's writer marks the same minute with its own first id.
        new JdbcAuditStore(ds).write(List.of(record("other-1", now.minus(90, ChronoUnit.MINUTES), "{}",
                AuditRecord.COMPLETED)));

        assertThat(ids(store, now.minus(4, ChronoUnit.DAYS), null, 100))
                .containsExactlyInAnyOrder("old-1", "old-2", "new-1", "new-2", "new-3", "other-1");
        assertThat(ids(store, now.minus(50, ChronoUnit.HOURS), null, 100))
                .containsExactlyInAnyOrder("old-2", "new-1", "new-2", "new-3", "other-1");
        assertThat(ids(store, now.minus(2, ChronoUnit.HOURS), null, 100))
                .containsExactlyInAnyOrder("new-2", "new-3", "other-1");
        assertThat(ids(store, now.minus(2, ChronoUnit.HOURS), now.minusSeconds(60), 100))
                .containsExactlyInAnyOrder("new-2", "other-1");
        assertThat(ids(store, now.plusSeconds(120), null, 100)).isEmpty();
        assertThat(ids(store, null, null, 2)).containsExactly("other-1", "new-3");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void pagingByCursorNeitherRepeatsNorSkipsRecordsOfTheSameInstant(String database) throws Exception {
        JdbcAuditStore store = new JdbcAuditStore(upgraded(database));
        Instant at = Instant.parse("2026-12-07T18:00:00Z");
        List<AuditRecord> written = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            written.add(record("same-" + i, i < 20 ? at : at.minusSeconds(1), "{}", AuditRecord.COMPLETED));
        }
        store.write(written);
        List<String> seen = new java.util.ArrayList<>();
        String before = null;
        int pages = 0;
        do {
            List<AuditRecord> page = store.search(new AuditStore.AuditQuery(null, null, null, null, null, null, 7,
                    before));
            page.forEach(r -> seen.add(r.requestId()));
            before = page.size() == 7 ? store.cursor(page.get(page.size() - 1)) : null;
            pages++;
        } while (before != null && pages < 10);
        // Newest first (in the order written), each record once, across pages that split the 20 of one instant.
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().containsExactlyElementsOf(
                java.util.stream.IntStream.iterate(24, i -> i >= 0, i -> i - 1).mapToObj(i -> "same-" + i).toList());
        assertThat(pages).isEqualTo(4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.search(new AuditStore.AuditQuery(null, null,
                null, null, null, null, 7, "not-a-cursor"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before");
    }

    private static List<String> ids(JdbcAuditStore store, Instant from, Instant to, int limit) throws IOException {
        return store.search(new AuditStore.AuditQuery(null, null, null, null, from, to, limit)).stream()
                .map(AuditRecord::requestId).toList();
    }
}

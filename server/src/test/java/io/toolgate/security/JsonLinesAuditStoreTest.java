package io.toolgate.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit sink of an application without a datasource: appended, rotated, searched, survives a torn line. */
class JsonLinesAuditStoreTest {

    @TempDir
    Path dir;

    private static AuditRecord record(int i, String tool, Instant at) {
        return new AuditRecord(null, at, "req-" + i, "alice", "rest", tool, null, "{\"i\":" + i + "}", i % 2 == 0,
                i % 2 == 0 ? null : "VALIDATION_ERROR", 1.5, null, null, null, AuditRecord.COMPLETED, "test");
    }

    @Test
    void recordsAreWrittenAsLinesAndSearchedNewestFirst() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        JsonLinesAuditStore store = new JsonLinesAuditStore(file, 1 << 20);
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        store.write(IntStream.range(0, 5).mapToObj(i -> record(i, i < 3 ? "a" : "b", t0.plusSeconds(i))).toList());

        assertThat(Files.readAllLines(file)).hasSize(5).allMatch(l -> l.startsWith("{") && l.contains("\"at\":\"2026"));
        List<AuditRecord> found = store.search(new AuditStore.AuditQuery("a", null, null, null, null, null, 10));
        assertThat(found).extracting(AuditRecord::requestId).containsExactly("req-2", "req-1", "req-0");
        assertThat(store.search(new AuditStore.AuditQuery(null, null, "VALIDATION_ERROR", null, t0.plusSeconds(2), null,
                10))).extracting(AuditRecord::requestId).containsExactly("req-3");
        assertThat(store.search(new AuditStore.AuditQuery(null, null, null, null, null, null, 2))).hasSize(2);
        store.close();
    }

    @Test
    void pagingByCursorNeitherRepeatsNorSkipsRecordsOfTheSameInstantAcrossRotations() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        JsonLinesAuditStore store = new JsonLinesAuditStore(file, 900); // rotates every few records
        Instant at = Instant.parse("2026-12-07T18:00:00Z");
        for (int i = 0; i < 20; i++) {
            store.write(List.of(record(i, "a", at)));
        }
        assertThat(rotated()).hasSizeGreaterThan(1);
        List<String> seen = new java.util.ArrayList<>();
        String before = null;
        int pages = 0;
        do {
            List<AuditRecord> page = store.search(new AuditStore.AuditQuery("a", null, null, null, null, null, 6,
                    before));
            page.forEach(r -> seen.add(r.requestId()));
            before = page.size() == 6 ? store.cursor(page.get(page.size() - 1)) : null;
            pages++;
        } while (before != null && pages < 10);
        assertThat(seen).hasSize(20).doesNotHaveDuplicates()
                .containsExactlyElementsOf(IntStream.iterate(19, i -> i >= 0, i -> i - 1).mapToObj(i -> "req-" + i)
                        .toList());

        // A cursor whose record is gone (retention deleted its file) goes on from the record's time.
        String gone = store.cursor(record(99, "a", at.plusSeconds(1)));
        assertThat(store.search(new AuditStore.AuditQuery("a", null, null, null, null, null, 6, gone))).hasSize(6);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.search(new AuditStore.AuditQuery(null, null,
                null, null, null, null, 6, "not-a-cursor"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before");
        store.close();
    }

    @Test
    void aTornLastLineIsSkippedAndTheNextRecordStartsOnItsOwnLine() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        Files.writeString(file, "{\"id\":null,\"at\":\"2026-12-01T10:00:00Z\",\"request_id\":\"whole\",\"door\":\"rest\","
                + "\"tool\":\"a\",\"success\":true,\"duration_ms\":1.0}\n{\"id\":null,\"at\":\"2026-12-01T10:0",
                StandardCharsets.UTF_8);
        JsonLinesAuditStore store = new JsonLinesAuditStore(file, 1 << 20);
        store.write(List.of(record(7, "a", Instant.parse("2026-12-01T11:00:00Z"))));

        assertThat(Files.readAllLines(file)).hasSize(3);
        assertThat(store.search(new AuditStore.AuditQuery(null, null, null, null, null, null, 10)))
                .extracting(AuditRecord::requestId).containsExactly("req-7", "whole");
        store.close();
    }

    @Test
    void aFullFileIsKeptUnderItsTimeAndRetentionDeletesOnlyOldRotatedFiles() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        JsonLinesAuditStore store = new JsonLinesAuditStore(file, 600);
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        for (int i = 0; i < 12; i++) {
            store.write(List.of(record(i, "a", t0.plusSeconds(i))));
        }
        List<Path> rotated = rotated();
        assertThat(rotated).isNotEmpty();
        assertThat(store.search(new AuditStore.AuditQuery("a", null, null, null, null, null, 100)))
                .as("nothing lost across rotations").hasSize(12)
                .extracting(AuditRecord::requestId).startsWith("req-11", "req-10");

        Path oldest = rotated.get(0);
        Files.setLastModifiedTime(oldest, FileTime.from(Instant.now().minus(Duration.ofDays(40))));
        assertThat(store.deleteOlderThan(Instant.now().minus(Duration.ofDays(30)))).isEqualTo(1);
        assertThat(oldest).doesNotExist();
        assertThat(rotated()).hasSize(rotated.size() - 1);
        store.close();
    }

    @Test
    void startedRecordsOfAnEarlierProcessWithoutAnOutcomeBecomeOutcomeUnknownOnce() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        JsonLinesAuditStore before = new JsonLinesAuditStore(file, 1 << 20);
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        AuditRecord settled = started("req-1", "dead", t0);
        AuditRecord open = started("req-2", "dead", t0);
        AuditRecord mine = started("req-3", "me", t0);
        before.write(List.of(settled, open, mine));
        before.write(List.of(new AuditRecord(null, t0, "req-1", "alice", "rest", "charge", null, "{}", true, null, 3,
                null, null, null, AuditRecord.COMPLETED, "dead")));
        before.close();

        JsonLinesAuditStore after = new JsonLinesAuditStore(file, 1 << 20);
        List<AuditRecord> unknown = after.recover("me", Instant.now());
        assertThat(unknown).singleElement().satisfies(r -> {
            assertThat(r.requestId()).isEqualTo("req-2");
            assertThat(r.phase()).isEqualTo(AuditRecord.OUTCOME_UNKNOWN);
            assertThat(r.instance()).isEqualTo("dead");
            assertThat(r.code()).isEqualTo(AuditRecord.OUTCOME_UNKNOWN_CODE);
        });
        assertThat(after.search(new AuditStore.AuditQuery(null, null, null, AuditRecord.OUTCOME_UNKNOWN, null, null,
                10))).extracting(AuditRecord::requestId).containsExactly("req-2");
        assertThat(after.recover("me", Instant.now())).isEmpty();
        after.close();
        // A third process finds the call settled by the outcome_unknown record.
        assertThat(new JsonLinesAuditStore(file, 1 << 20).recover("third", Instant.now()))
                .extracting(AuditRecord::requestId).containsExactly("req-3");
    }

    private static AuditRecord started(String requestId, String instance, Instant at) {
        return new AuditRecord(null, at, requestId, "alice", "rest", "charge", null, "{}", false, null, 0, null, null,
                null, AuditRecord.STARTED, instance);
    }

    private List<Path> rotated() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("audit-")).sorted().toList();
        }
    }
}

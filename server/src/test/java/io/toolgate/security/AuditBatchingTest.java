package io.toolgate.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.metrics.Meters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the writer cuts the stream of records into transactions: records no call waits for are gathered into large
 * batches for up to {@code read-only-linger}; a record a call waits for is not held back by that.
 */
class AuditBatchingTest {

    /** Keeps the batches it was given. */
    static final class CountingStore implements AuditStore {
        final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void write(List<AuditRecord> batch, List<Open> opened, List<String> settled, boolean persist) {
            batches.add(batch.size());
        }

        int records() {
            synchronized (batches) {
                return batches.stream().mapToInt(Integer::intValue).sum();
            }
        }

        @Override
        public void heartbeat(String instance, Instant now) {
        }

        @Override
        public List<AuditRecord> recover(String instance, Instant deadBefore) {
            return List.of();
        }

        @Override
        public List<AuditRecord> search(AuditQuery query) {
            return List.of();
        }

        @Override
        public String cursor(AuditRecord record) {
            return "";
        }

        @Override
        public int deleteOlderThan(Instant cutoff) {
            return 0;
        }

        @Override
        public String describe() {
            return "counting";
        }
    }

    private final CountingStore store = new CountingStore();
    private AuditLog log;

    private AuditLog start(String readOnlyLinger) {
        ToolgateConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("toolgate.audit.read-only-linger", readOnlyLinger,
                        "toolgate.audit.linger", "2ms", "toolgate.audit.batch-size", "500"), "test", 500))
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withMapping(ToolgateConfig.class)
                .build()
                .getConfigMapping(ToolgateConfig.class);
        log = new AuditLog(store, config, new Meters(new SimpleMeterRegistry()));
        log.start(null);
        return log;
    }

    @AfterEach
    void stop() {
        if (log != null) {
            log.stop(null);
        }
    }

    private static AuditRecord record(int i) {
        return new AuditRecord(null, Instant.now(), "req-" + i, "anonymous", "rest", "add_numbers", null, "{}", true,
                null, 0.1, null, null, null, AuditRecord.COMPLETED, "test");
    }

    @Test
    void recordsNoCallWaitsForAreGatheredIntoFewTransactions() throws Exception {
        AuditLog audit = start("2s");
        for (int i = 0; i < 300; i++) {
            audit.append(record(i)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            if (i % 50 == 0) {
                Thread.sleep(5); // a stream, not one burst: the 2 ms linger alone would cut it into several batches
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.records() < 300 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(300, store.records());
        assertTrue(store.batches.size() <= 2, "batches: " + store.batches);
    }

    @Test
    void aRecordACallWaitsForEndsTheGathering() throws Exception {
        AuditLog audit = start("30s");
        audit.append(record(0)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        Thread.sleep(20); // the writer is gathering now
        long started = System.nanoTime();
        audit.appendDurably(record(1), "open-1", null).toCompletableFuture().get(5, TimeUnit.SECONDS);
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(2, store.records(), "both records written, in " + store.batches);
        assertTrue(waitedMs < 1_000, "waited " + waitedMs + " ms");
    }

    @Test
    void zeroGathersNoLongerThanTheLinger() throws Exception {
        AuditLog audit = start("0s");
        audit.append(record(0)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (store.records() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, store.records());
    }
}

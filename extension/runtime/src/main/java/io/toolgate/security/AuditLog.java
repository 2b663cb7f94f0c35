package io.toolgate.security;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.toolgate.config.ToolgateConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The persisted audit log, in the {@link AuditStore} chosen by {@code toolgate.audit.sink}. Calls hand their record to a bounded queue and go on; one writer thread inserts them in
 * batches. Nothing is dropped: when the queue is full, {@link #append} returns a stage that completes only once the
 * record found room, so the call's response waits (backpressure) instead of its record being lost; a failed insert
 * is retried until it succeeds; shutdown writes everything still queued.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final CompletableFuture<Void> ACCEPTED = CompletableFuture.completedFuture(null);

    private record Waiting(AuditRecord record, CompletableFuture<Void> accepted) {
    }

    private final AuditStore store;
    private final boolean enabled;
    private final int batchSize;
    private final long lingerNanos;
    private final long retentionMillis;
    private final ArrayBlockingQueue<AuditRecord> queue;
    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicLong written = new AtomicLong();
    private volatile boolean running = true;
    private Thread writer;
    private long lastRetention;

    @Inject
    public AuditLog(AuditStore store, ToolgateConfig config) {
        this.store = store;
        this.enabled = config.audit().enabled();
        this.batchSize = config.audit().batchSize();
        this.lingerNanos = config.audit().linger().toNanos();
        this.retentionMillis = config.audit().retention().toMillis();
        this.queue = new ArrayBlockingQueue<>(config.audit().queueCapacity());
    }

    void start(@Observes StartupEvent event) {
        if (enabled) {
            // Chooses the store now, so that a sink that cannot work (toolgate.audit.sink=database without a
            // datasource) stops the start instead of failing every write.
            LOG.debugf("Audit records go to %s", store.describe());
            writer = new Thread(this::writeLoop, "toolgate-audit-writer");
            writer.setDaemon(true);
            writer.start();
        }
    }

    /** Whether records are kept; when not, callers can skip building them. */
    public boolean enabled() {
        return enabled;
    }

    /** Completes when the record is queued for writing; late only when the writer is behind. */
    public CompletionStage<Void> append(AuditRecord record) {
        if (!enabled) {
            return ACCEPTED;
        }
        if (waiting.isEmpty() && queue.offer(record)) {
            return ACCEPTED;
        }
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        waiting.add(new Waiting(record, accepted));
        admitWaiting();
        return accepted;
    }

    /** Rows written since start, for tests and metrics. */
    public long written() {
        return written.get();
    }

    /** Records accepted but not yet written. */
    public int backlog() {
        return queue.size() + waiting.size();
    }

    // Serialised: two threads admitting the same waiting record would queue it twice.
    private synchronized void admitWaiting() {
        Waiting next;
        while ((next = waiting.peek()) != null && queue.offer(next.record())) {
            waiting.poll();
            next.accepted().complete(null);
        }
    }

    private void writeLoop() {
        List<AuditRecord> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty() || !waiting.isEmpty()) {
            try {
                AuditRecord first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, batchSize - 1);
                    // Under a steady stream the queue holds a few records at a time; gathering for a moment turns
                    // many small transactions into fewer larger ones (measured: +9-13 % MCP calls/s on H2).
                    if (lingerNanos > 0 && running && batch.size() < batchSize / 4) {
                        LockSupport.parkNanos(lingerNanos);
                        queue.drainTo(batch, batchSize - batch.size());
                    }
                    admitWaiting();
                    writeUntilDone(batch);
                    batch.clear();
                }
                admitWaiting();
                applyRetention();
            } catch (InterruptedException e) {
                running = false;
            }
        }
    }

    private void writeUntilDone(List<AuditRecord> batch) {
        long backoff = 100;
        while (true) {
            try {
                store.write(batch);
                written.addAndGet(batch.size());
                return;
            } catch (IOException | RuntimeException e) {
                LOG.errorf("Writing %d audit records failed (%s); retrying in %d ms", batch.size(), e.getMessage(),
                        backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    running = false;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private void applyRetention() {
        long now = System.currentTimeMillis();
        if (now - lastRetention < 3_600_000) {
            return;
        }
        lastRetention = now;
        try {
            int deleted = store.deleteOlderThan(Instant.ofEpochMilli(now - retentionMillis));
            if (deleted > 0) {
                LOG.infof("Audit retention removed %d records or files from %s", deleted, store.describe());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Audit retention failed: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (writer != null) {
            try {
                writer.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package io.toolgate.invoke;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.toolgate.config.ToolgateConfig;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/**
 * The last N calls in memory, newest first, for {@code GET /calls}: a debugging aid for one instance, not the
 * audit log. Arguments are redacted before they are stored.
 */
@Singleton
public class CallHistory {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Entry(Instant time, String requestId, String door, String tool, String toolCallId,
            String principal, JsonNode arguments, boolean success, String code, double durationMs) {

        /** Whether this call is of that tool and by that principal; null matches any. */
        public boolean matches(String tool, String principal) {
            return (tool == null || tool.equals(this.tool)) && (principal == null || principal.equals(this.principal));
        }
    }

    private final Entry[] ring;
    private long written;
    /** Live watchers (the console's call stream); empty on almost every call, which then pays one volatile read. */
    private final List<Consumer<Entry>> watchers = new CopyOnWriteArrayList<>();

    @Inject
    public CallHistory(ToolgateConfig config) {
        this.ring = new Entry[Math.max(1, config.history().size())];
    }

    /** @param arguments the call's arguments, already redacted */
    void record(Invocation call, Outcome outcome, JsonNode arguments) {
        Entry entry = new Entry(Instant.now(), call.requestId(), call.door().id(), call.toolName(), call.toolCallId(),
                call.principal(), arguments, outcome.isSuccess(),
                outcome.isSuccess() ? null : outcome.code().name(), outcome.durationMillis());
        synchronized (this) {
            ring[(int) (written++ % ring.length)] = entry;
        }
        for (Consumer<Entry> watcher : watchers) {
            try {
                watcher.accept(entry);
            } catch (RuntimeException e) {
                watchers.remove(watcher); // a broken watcher (a stream gone) must not fail the call that is recorded
            }
        }
    }

    /**
     * Every call recorded from now on, to {@code watcher}, on the calling thread (so it must not block) until the
     * returned handle is run.
     */
    public Runnable watch(Consumer<Entry> watcher) {
        watchers.add(watcher);
        return () -> watchers.remove(watcher);
    }

    /** Newest first, optionally only one tool's calls. */
    public List<Entry> recent(String tool, int limit) {
        return recent(tool, null, limit);
    }

    /** Newest first, optionally only one tool's calls, optionally only one caller's. */
    public synchronized List<Entry> recent(String tool, String principal, int limit) {
        List<Entry> out = new ArrayList<>(Math.min(limit, ring.length));
        for (long i = written - 1; i >= 0 && i >= written - ring.length && out.size() < limit; i--) {
            Entry e = ring[(int) (i % ring.length)];
            if (e.matches(tool, principal)) {
                out.add(e);
            }
        }
        return out;
    }
}

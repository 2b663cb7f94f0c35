package io.toolgate.mcp;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.toolgate.config.ToolgateConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The sessions of this instance. Ids are 128 random bits, so they cannot be guessed; idle sessions expire and are
 * swept while new ones are created, which needs no timer thread.
 */
@ApplicationScoped
public class McpSessions {

    private static final int SWEEP_EVERY = 64;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, McpSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger created = new AtomicInteger();

    @Inject
    ToolgateConfig config;

    McpSession create(String protocolVersion) {
        if (created.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep();
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        McpSession session = new McpSession(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                protocolVersion);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id, marked as used; empty when unknown or expired. */
    Optional<McpSession> find(String id) {
        McpSession session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (session.idleLongerThan(idleNanos(), System.nanoTime())) {
            end(id);
            return Optional.empty();
        }
        session.touch();
        return Optional.of(session);
    }

    boolean end(String id) {
        McpSession session = sessions.remove(id);
        if (session == null) {
            return false;
        }
        session.end();
        return true;
    }

    int size() {
        return sessions.size();
    }

    private void sweep() {
        long now = System.nanoTime();
        long idle = idleNanos();
        sessions.values().stream().filter(s -> s.idleLongerThan(idle, now)).map(McpSession::id).toList()
                .forEach(this::end);
    }

    private long idleNanos() {
        return config.mcp().sessionIdleTimeout().toNanos();
    }
}

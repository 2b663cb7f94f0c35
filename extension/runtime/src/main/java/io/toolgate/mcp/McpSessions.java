package io.toolgate.mcp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.spec.SecretKeySpec;

import io.toolgate.config.ToolgateConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The sessions this instance knows. An id is 128 random bits plus the negotiated revision and the client's
 * capabilities, signed with HMAC-SHA256:
 * it cannot be guessed or forged, and an instance sharing {@code toolgate.mcp.session-secret} recognises an id
 * another instance issued and adopts it. Idle sessions expire per instance and are swept while new ones are
 * created, which needs no timer thread; ended ids are remembered so that they keep answering 404 here.
 */
@ApplicationScoped
public class McpSessions {

    private static final int SWEEP_EVERY = 64;
    // 16 random bytes, the revision's index in ProtocolVersions.SESSION_ERA, the ClientCapabilities bits.
    private static final int PAYLOAD = 18;
    private static final int REMEMBERED_ENDED = 10_000;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final Map<String, McpSession> sessions = new ConcurrentHashMap<>();
    private final Set<String> ended = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_ENDED;
                }
            }));
    private final AtomicInteger created = new AtomicInteger();
    private final SecretKeySpec key;
    private final long idleNanos;

    @Inject
    public McpSessions(ToolgateConfig config) {
        this(config.mcp().sessionSecret().orElse(null), config.mcp().sessionIdleTimeout());
    }

    McpSessions(String secret, Duration idle) {
        byte[] keyBytes;
        if (secret != null && !secret.isEmpty()) {
            keyBytes = secret.getBytes(StandardCharsets.UTF_8);
        } else {
            keyBytes = new byte[32];
            random.nextBytes(keyBytes);
        }
        this.key = Hmacs.key(keyBytes);
        this.idleNanos = idle.toNanos();
    }

    McpSession create(String protocolVersion, ClientCapabilities capabilities) {
        if (created.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep();
        }
        byte[] payload = new byte[PAYLOAD];
        random.nextBytes(payload);
        payload[16] = (byte) Math.max(0, ProtocolVersions.SESSION_ERA.indexOf(protocolVersion));
        payload[17] = (byte) capabilities.bits();
        String body = B64.encodeToString(payload);
        McpSession session = new McpSession(body + "." + B64.encodeToString(sign(body)), protocolVersion,
                capabilities);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id, marked as used; empty when unknown, forged, ended or expired. */
    Optional<McpSession> find(String id) {
        McpSession session = sessions.get(id);
        if (session == null) {
            McpSession verified = ended.contains(id) ? null : verified(id);
            if (verified == null) {
                return Optional.empty();
            }
            session = sessions.computeIfAbsent(id, adopted -> verified);
        }
        if (session.idleLongerThan(idleNanos, System.nanoTime())) {
            end(id);
            return Optional.empty();
        }
        session.touch();
        return Optional.of(session);
    }

    /** Ends a live session (cancelling its running calls); false when there is none with this id. */
    boolean end(String id) {
        McpSession session = sessions.remove(id);
        if (session == null && (ended.contains(id) || verified(id) == null)) {
            return false;
        }
        ended.add(id);
        if (session != null) {
            session.end();
        }
        return true;
    }

    int size() {
        return sessions.size();
    }

    /** A new session object for an id this or another instance signed, or null when the id is not genuine. */
    private McpSession verified(String id) {
        int dot = id.indexOf('.');
        if (dot <= 0 || id.length() > 100) {
            return null;
        }
        String body = id.substring(0, dot);
        try {
            // Compared as text: a decoder ignores the spare low bits of the last character, the signature must not.
            byte[] mac = id.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
            byte[] expected = B64.encodeToString(sign(body)).getBytes(StandardCharsets.US_ASCII);
            byte[] payload = Base64.getUrlDecoder().decode(body);
            if (payload.length != PAYLOAD || !MessageDigest.isEqual(mac, expected)) {
                return null;
            }
            int version = payload[16];
            return version >= 0 && version < ProtocolVersions.SESSION_ERA.size()
                    ? new McpSession(id, ProtocolVersions.SESSION_ERA.get(version),
                            new ClientCapabilities(payload[17] & 0xff))
                    : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private byte[] sign(String body) {
        return Arrays.copyOf(Hmacs.sha256(key, body.getBytes(StandardCharsets.US_ASCII)), 16);
    }

    private void sweep() {
        long now = System.nanoTime();
        sessions.values().stream().filter(s -> s.idleLongerThan(idleNanos, now)).map(McpSession::id).toList()
                .forEach(this::end);
    }
}

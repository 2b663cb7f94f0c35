package io.toolgate.mcp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.toolgate.invoke.CallControl;

/** One client's MCP session: the negotiated revision and its running tool calls (for cancellation). */
final class McpSession {

    private final String id;
    private final String protocolVersion;
    private final Map<String, CallControl> inFlight = new ConcurrentHashMap<>();
    private volatile long lastSeenNanos;

    McpSession(String id, String protocolVersion) {
        this.id = id;
        this.protocolVersion = protocolVersion;
        this.lastSeenNanos = System.nanoTime();
    }

    String id() {
        return id;
    }

    String protocolVersion() {
        return protocolVersion;
    }

    Map<String, CallControl> inFlight() {
        return inFlight;
    }

    void touch() {
        lastSeenNanos = System.nanoTime();
    }

    boolean idleLongerThan(long nanos, long now) {
        return now - lastSeenNanos > nanos;
    }

    void end() {
        inFlight.values().forEach(CallControl::cancel);
        inFlight.clear();
    }
}

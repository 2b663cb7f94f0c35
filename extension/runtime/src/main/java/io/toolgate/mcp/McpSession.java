package io.toolgate.mcp;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.toolgate.invoke.CallControl;
import io.toolgate.tool.ToolLog;

/**
 * One client's MCP session (2025 revisions): the negotiated revision, the client's capabilities from
 * {@code initialize}, the log level it set, the resources it subscribed to, and its running tool calls (for
 * cancellation). Over stdio the one connection is such a session too.
 */
final class McpSession {

    private final String id;
    private final String protocolVersion;
    private final ClientCapabilities capabilities;
    private final Map<String, CallControl> inFlight = new ConcurrentHashMap<>();
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile ToolLog.Level logLevel;
    private volatile long lastSeenNanos;

    McpSession(String id, String protocolVersion, ClientCapabilities capabilities) {
        this.id = id;
        this.protocolVersion = protocolVersion;
        this.capabilities = capabilities;
        this.lastSeenNanos = System.nanoTime();
    }

    String id() {
        return id;
    }

    String protocolVersion() {
        return protocolVersion;
    }

    ClientCapabilities capabilities() {
        return capabilities;
    }

    Map<String, CallControl> inFlight() {
        return inFlight;
    }

    /** Resource URIs this client subscribed to with {@code resources/subscribe}. */
    Set<String> subscriptions() {
        return subscriptions;
    }

    /** The level set with {@code logging/setLevel}, or null: then the client gets no log messages. */
    ToolLog.Level logLevel() {
        return logLevel;
    }

    void logLevel(ToolLog.Level level) {
        this.logLevel = level;
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

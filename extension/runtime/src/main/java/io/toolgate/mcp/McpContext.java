package io.toolgate.mcp;

import java.util.Map;

import io.toolgate.invoke.CallControl;
import io.toolgate.security.Caller;
import io.toolgate.tool.ToolLog;

/**
 * What the dispatcher needs to know about the peer of one message.
 *
 * @param protocolVersion the revision negotiated in the session, or the one the request named
 * @param inFlight running tool calls by request id, so that {@code notifications/cancelled} can find them
 * @param channel where notifications and server requests for this request go
 * @param caller who sent the message: what it may list and call
 * @param session the 2025 session the message belongs to, or null (sessionless, or 2026-07-28)
 * @param meta the request's own {@code _meta} under 2026-07-28, or null under the 2025 revisions
 */
record McpContext(String protocolVersion, Map<String, CallControl> inFlight, McpChannel channel, Caller caller,
        McpSession session, RequestMeta meta) {

    /** Served under 2026-07-28: no session, everything about the client in this request. */
    boolean stateless() {
        return meta != null;
    }

    ClientCapabilities capabilities() {
        if (meta != null) {
            return ClientCapabilities.of(meta.capabilities());
        }
        return session != null ? session.capabilities() : ClientCapabilities.NONE;
    }

    /** The lowest level of log message the client wants for this request, or null for none. */
    ToolLog.Level logLevel() {
        return meta != null ? meta.logLevel() : session != null ? session.logLevel() : null;
    }

    McpContext withChannel(McpChannel other) {
        return new McpContext(protocolVersion, inFlight, other, caller, session, meta);
    }
}

package io.toolgate.mcp;

import java.util.List;

/**
 * The MCP revisions this door speaks and what differs between them here. The 2025 revisions open a session with
 * {@code initialize}; 2026-07-28 is stateless: every request names its revision and the client's capabilities in
 * {@code _meta}, and the same endpoint serves both eras side by side.
 */
final class ProtocolVersions {

    static final String STATELESS = "2026-07-28";
    /** The newest revision that still has an {@code initialize} handshake. */
    static final String LATEST_SESSION = "2025-11-25";
    /** Revisions with sessions, newest first; the order is part of signed session ids (McpSessions). */
    static final List<String> SESSION_ERA = List.of(LATEST_SESSION, "2025-06-18", "2025-03-26");
    /** Everything this server speaks, newest first, as {@code server/discover} reports it. */
    static final List<String> ALL = List.of(STATELESS, LATEST_SESSION, "2025-06-18", "2025-03-26");
    /** What the Streamable HTTP transport assumes when a request names no revision. */
    static final String ASSUMED_WITHOUT_HEADER = "2025-03-26";

    private ProtocolVersions() {
    }

    static boolean supported(String version) {
        return ALL.contains(version);
    }

    static boolean sessionEra(String version) {
        return SESSION_ERA.contains(version);
    }

    static boolean stateless(String version) {
        return STATELESS.equals(version);
    }

    /**
     * The client's revision when {@code initialize} can open it, otherwise our newest session revision; the client
     * then decides whether to go on. A client asking for 2026-07-28 through initialize gets 2025-11-25: that revision
     * has no handshake.
     */
    static String negotiate(String requested) {
        return sessionEra(requested) ? requested : LATEST_SESSION;
    }

    /** UnsupportedProtocolVersionError (-32022): its data lists what this server speaks and echoes the request. */
    static McpError unsupported(String requested) {
        com.fasterxml.jackson.databind.node.ObjectNode data =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        ALL.forEach(data.putArray("supported")::add);
        data.put("requested", requested);
        return new McpError(JsonRpc.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version \"" + requested
                + "\"; supported: " + ALL, data);
    }

    /** JSON-RPC batches were part of 2025-03-26 only; 2025-06-18 removed them. */
    static boolean allowsBatches(String version) {
        return "2025-03-26".equals(version);
    }
}

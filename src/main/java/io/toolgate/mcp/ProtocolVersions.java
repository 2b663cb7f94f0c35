package io.toolgate.mcp;

import java.util.List;

/** The MCP revisions this door speaks, newest first, and what differs between them here. */
final class ProtocolVersions {

    static final String LATEST = "2025-11-25";
    static final List<String> SUPPORTED = List.of(LATEST, "2025-06-18", "2025-03-26");
    /** What the Streamable HTTP transport assumes when a request names no revision. */
    static final String ASSUMED_WITHOUT_HEADER = "2025-03-26";

    private ProtocolVersions() {
    }

    static boolean supported(String version) {
        return SUPPORTED.contains(version);
    }

    /** The client's revision when we speak it, otherwise our newest; the client then decides whether to go on. */
    static String negotiate(String requested) {
        return supported(requested) ? requested : LATEST;
    }

    /** JSON-RPC batches were part of 2025-03-26 only; 2025-06-18 removed them. */
    static boolean allowsBatches(String version) {
        return "2025-03-26".equals(version);
    }
}

package io.toolgate.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.tool.ToolLog;

/**
 * What a 2026-07-28 request says about its client in {@code params._meta}: the revision, the capabilities it has for
 * this one request (the server must not remember them from earlier requests), and the log level it wants, if any.
 */
record RequestMeta(String protocolVersion, ObjectNode capabilities, ToolLog.Level logLevel) {

    static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
    static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    static final String CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
    static final String LOG_LEVEL = "io.modelcontextprotocol/logLevel";
    static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";
    static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

    /** The {@code _meta} object of a message's params, or null. */
    static JsonNode of(JsonNode message) {
        JsonNode meta = message != null && message.isObject() ? message.path("params").get("_meta") : null;
        return meta != null && meta.isObject() ? meta : null;
    }

    /** The revision a message's {@code _meta} names, or null. */
    static String versionOf(JsonNode message) {
        JsonNode meta = of(message);
        JsonNode version = meta == null ? null : meta.get(PROTOCOL_VERSION);
        return version != null && version.isTextual() ? version.asText() : null;
    }

    /**
     * Reads a stateless request's {@code _meta}.
     *
     * @throws McpError -32602 when the revision or the capabilities are missing (clientInfo is only a SHOULD)
     */
    static RequestMeta read(JsonNode message) throws McpError {
        JsonNode meta = of(message);
        if (meta == null) {
            throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: a " + ProtocolVersions.STATELESS
                    + " request needs params._meta with " + PROTOCOL_VERSION + " and " + CLIENT_CAPABILITIES);
        }
        JsonNode version = meta.get(PROTOCOL_VERSION);
        if (version == null || !version.isTextual()) {
            throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: params._meta needs " + PROTOCOL_VERSION);
        }
        JsonNode capabilities = meta.get(CLIENT_CAPABILITIES);
        if (capabilities == null || !capabilities.isObject()) {
            throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: params._meta needs " + CLIENT_CAPABILITIES
                    + " (an object; {} for none)");
        }
        JsonNode level = meta.get(LOG_LEVEL);
        ToolLog.Level logLevel = null;
        if (level != null && !level.isNull()) {
            logLevel = level.isTextual() ? ToolLog.Level.of(level.asText()) : null;
            if (logLevel == null) {
                throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: " + LOG_LEVEL + " must be one of debug,"
                        + " info, notice, warning, error, critical, alert, emergency");
            }
        }
        return new RequestMeta(version.asText(), (ObjectNode) capabilities, logLevel);
    }
}

package io.toolgate.gateway;

import java.time.Duration;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One transport to an upstream MCP server: JSON-RPC requests answered by a future, notifications one way. Opened once
 * and shared by every call of the upstream's tools (never a handshake per call).
 */
interface McpConnection extends AutoCloseable {

    /**
     * Sends a request. Its answer future completes with the {@code result}, or exceptionally with
     * {@link UpstreamProtocolException} for a JSON-RPC error and with an UpstreamException when the transport fails
     * or {@code timeout} passes; its id names it in a cancellation.
     */
    JsonRpcPeer.Outgoing request(String method, ObjectNode params, Duration timeout);

    void notify(String method, ObjectNode params);

    /** False once the transport is gone (the process exited, the session expired); the owner then reconnects. */
    boolean isOpen();

    /** Called for every notification the upstream sends. */
    void onNotification(java.util.function.Consumer<ObjectNode> listener);

    @Override
    void close();
}

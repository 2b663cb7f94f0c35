package io.toolgate.gateway;

import java.time.Duration;
import java.util.Map;

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
     *
     * @param headers sent with this request where the transport has headers (HTTP), ignored elsewhere
     */
    JsonRpcPeer.Outgoing request(String method, ObjectNode params, Duration timeout, Map<String, String> headers);

    default JsonRpcPeer.Outgoing request(String method, ObjectNode params, Duration timeout) {
        return request(method, params, timeout, Map.of());
    }

    void notify(String method, ObjectNode params);

    /** The revision agreed (by initialize, or 2026-07-28 chosen by the file), for transports that repeat it. */
    default void agreed(String version) {
    }

    /**
     * Keeps a channel open for what the upstream sends outside any call ({@code list_changed}): under the 2025
     * revisions ({@code listenParams} null) only HTTP needs one, its GET stream; under 2026-07-28 it is a
     * {@code subscriptions/listen} request with these params, on either transport. Reopened while the connection
     * lives.
     */
    void listen(ObjectNode listenParams);

    /** False once the transport is gone (the process exited, the session expired); the owner then reconnects. */
    boolean isOpen();

    /** Called for every notification the upstream sends. */
    void onNotification(java.util.function.Consumer<ObjectNode> listener);

    @Override
    void close();
}

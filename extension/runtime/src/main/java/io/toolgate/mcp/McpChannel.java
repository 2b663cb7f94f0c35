package io.toolgate.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where messages that belong to one request but are not its response go: progress and log notifications, and the
 * server's own requests to the client (elicitation, sampling) under the 2025 revisions.
 */
interface McpChannel {

    /** Channels that cannot carry anything but the response, such as a batch answer, drop messages. */
    McpChannel NONE = new McpChannel() {
        @Override
        public void send(ObjectNode message) {
        }

        @Override
        public boolean canSend() {
            return false;
        }
    };

    void send(ObjectNode message);

    /** Whether a message sent now can reach the client. */
    default boolean canSend() {
        return true;
    }
}

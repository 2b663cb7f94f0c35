package io.toolgate.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where messages that belong to one request but are not its response (progress notifications) go. */
@FunctionalInterface
interface McpChannel {

    /** Channels that cannot carry notifications, such as a plain JSON response, drop them. */
    McpChannel NONE = message -> {
    };

    void send(ObjectNode message);
}

package io.toolgate.mcp;

import java.util.Map;

import io.toolgate.invoke.CallControl;
import io.toolgate.security.Caller;

/**
 * What the dispatcher needs to know about the peer of one message.
 *
 * @param protocolVersion the revision negotiated in the session, or the one the request named
 * @param inFlight running tool calls by request id, so that {@code notifications/cancelled} can find them
 * @param channel where progress notifications for this request go
 * @param caller who sent the message: what it may list and call
 */
record McpContext(String protocolVersion, Map<String, CallControl> inFlight, McpChannel channel, Caller caller) {
}

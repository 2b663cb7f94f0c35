package io.toolgate.declarative;

import io.toolgate.tool.ToolException;

/**
 * An outbound request the SSRF rules do not allow. A ToolException, so the caller gets a TOOL_REFUSED (422) with this
 * message, and it is neither retried nor counted by the circuit breaker: asking again cannot change the answer.
 */
public class OutboundRefusedException extends ToolException {

    public OutboundRefusedException(String message) {
        super("outbound request refused: " + message);
    }
}

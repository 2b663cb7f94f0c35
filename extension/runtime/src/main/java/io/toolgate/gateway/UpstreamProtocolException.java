package io.toolgate.gateway;

import io.toolgate.tool.UpstreamException;

/** The upstream answered a request with a JSON-RPC error. */
final class UpstreamProtocolException extends UpstreamException {

    private final int code;

    UpstreamProtocolException(int code, String message) {
        super(message);
        this.code = code;
    }

    int code() {
        return code;
    }
}

package io.toolgate.mcp;

import io.toolgate.primitive.PrimitiveException;

/** The one table from a refusal of a resource, prompt or completion to its JSON-RPC error. */
final class McpErrors {

    private McpErrors() {
    }

    static McpError of(PrimitiveException e) {
        int code = switch (e.kind()) {
            // SEP-2164: an unknown resource is invalid params, with the uri in data.
            case NOT_FOUND, INVALID_PARAMS -> JsonRpc.INVALID_PARAMS;
            case CAPABILITY_MISSING -> JsonRpc.MISSING_CLIENT_CAPABILITY;
            // JSON-RPC's implementation-defined server error range: the client may try again later (data says when).
            case RATE_LIMITED -> -32000;
            case INTERNAL, INPUT_REQUIRED -> JsonRpc.INTERNAL_ERROR;
        };
        return new McpError(code, e.getMessage(), e.data());
    }
}

package io.toolgate.primitive;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Why a resource read, prompt get or completion did not produce a result. The MCP door maps each kind to its
 * JSON-RPC error code in one place; the message is written for a model or a person and never names classes or
 * holds secrets.
 */
public class PrimitiveException extends Exception {

    public enum Kind {
        /** Unknown, or hidden from this caller: the two are deliberately indistinguishable. */
        NOT_FOUND,
        /** The request's parameters are wrong (a missing prompt argument, a malformed cursor or path). */
        INVALID_PARAMS,
        RATE_LIMITED,
        /** Toolgate's or a source's fault, not the caller's. */
        INTERNAL,
        /** The client must answer questions first (2026-07-28); data holds them, keyed. */
        INPUT_REQUIRED,
        /** The request needs a client capability the client did not declare; data holds requiredCapabilities. */
        CAPABILITY_MISSING
    }

    private final Kind kind;
    private final transient ObjectNode data;

    public PrimitiveException(Kind kind, String message, ObjectNode data) {
        // No stack trace: these are expected answers, thrown on every unknown URI, not bugs.
        super(message, null, false, false);
        this.kind = kind;
        this.data = data;
    }

    public PrimitiveException(Kind kind, String message) {
        this(kind, message, null);
    }

    /**
     * An unknown or hidden resource. MCP (SEP-2164) answers it with -32602 and the URI in {@code data.uri}, so the
     * data is always set.
     */
    public static PrimitiveException resourceNotFound(String uri) {
        return resourceNotFound(uri, "Resource not found: " + uri);
    }

    public static PrimitiveException resourceNotFound(String uri, String message) {
        return new PrimitiveException(Kind.NOT_FOUND, message, JsonNodeFactory.instance.objectNode().put("uri", uri));
    }

    public static PrimitiveException notFound(String message) {
        return new PrimitiveException(Kind.NOT_FOUND, message);
    }

    public static PrimitiveException invalidParams(String message) {
        return new PrimitiveException(Kind.INVALID_PARAMS, message);
    }

    public Kind kind() {
        return kind;
    }

    /** Structured details for the error's {@code data} member, or null. */
    public ObjectNode data() {
        return data;
    }
}

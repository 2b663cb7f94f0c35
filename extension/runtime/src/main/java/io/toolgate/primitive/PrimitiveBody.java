package io.toolgate.primitive;

import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.security.Caller;

/**
 * What a resource family, prompt or completion source does once the pipeline has let a call through (roles, rate
 * limit, schema validation): produce the MCP result body, or refuse with a {@link PrimitiveException}.
 */
public final class PrimitiveBody {

    private PrimitiveBody() {
    }

    /** A body that may block (files, JDBC); the pipeline runs it on a tool thread under its timeout. */
    @FunctionalInterface
    public interface Blocking {
        JsonNode run(ObjectNode arguments, Caller caller) throws PrimitiveException;
    }

    /**
     * A body that completes later without blocking a thread, e.g. one that reads resources through the pipeline
     * itself; it completes exceptionally with a {@link PrimitiveException} to refuse.
     */
    @FunctionalInterface
    public interface Async {
        CompletionStage<? extends JsonNode> run(ObjectNode arguments, Caller caller);
    }
}

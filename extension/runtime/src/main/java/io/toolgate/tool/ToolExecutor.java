package io.toolgate.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.security.Caller;

/** What runs a tool. Annotated methods, declarative HTTP tools and command tools each have one. */
public interface ToolExecutor {

    /**
     * Binds schema-valid arguments to the executor's own form and applies the checks the JSON Schema cannot express
     * (Bean Validation for Java methods).
     *
     * @param caller who calls; a Java tool receives it in a parameter of type {@link Caller}
     * @throws ArgumentsRejectedException listing every violation found
     */
    PreparedCall prepare(ObjectNode arguments, Caller caller) throws ArgumentsRejectedException;

    /** True when the call blocks and must run off the event loop; false when it returns a CompletionStage or Uni. */
    boolean blocking();

    /**
     * True for a synchronous tool that promises never to block (pure computation): it runs on the caller's thread,
     * saving the hop to a worker, and so without a timeout, which could only interrupt the caller's thread.
     */
    default boolean inline() {
        return false;
    }

    /**
     * Makes ahead of the first call what the executor would otherwise make on it (Java tools: Bean Validation's
     * metadata of the method). Called after start-up by {@link ToolWarmUp}.
     */
    default void warm() {
    }

    /**
     * True when the call's value is already an MCP {@code CallToolResult} (an upstream MCP server's tool): the MCP
     * door then sends it as it is, every content type, {@code structuredContent} and all, instead of wrapping it.
     */
    default boolean answersWithCallToolResult() {
        return false;
    }
}

package io.toolgate.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What runs a tool. Annotated methods, declarative HTTP tools and command tools each have one. */
public interface ToolExecutor {

    /**
     * Binds schema-valid arguments to the executor's own form and applies the checks the JSON Schema cannot express
     * (Bean Validation for Java methods).
     *
     * @throws ArgumentsRejectedException listing every violation found
     */
    PreparedCall prepare(ObjectNode arguments) throws ArgumentsRejectedException;

    /** True when the call blocks and must run off the event loop; false when it returns a CompletionStage or Uni. */
    boolean blocking();
}

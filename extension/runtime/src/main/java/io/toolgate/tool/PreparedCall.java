package io.toolgate.tool;

/**
 * A call whose arguments are bound and checked, ready to run. Returns the tool's value, or for asynchronous tools a
 * {@code CompletionStage} or {@code Uni} of it.
 */
@FunctionalInterface
public interface PreparedCall {
    Object call() throws Exception;
}

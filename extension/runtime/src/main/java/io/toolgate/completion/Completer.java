package io.toolgate.completion;

import java.util.Map;

import io.toolgate.security.Caller;

/**
 * A named source of completion values (customer ids from the shop database, ...), used by prompt arguments
 * ({@code completer: customer_ids}) and tool parameters ({@code toolgate.completions.tools."<tool>"."<param>"}).
 * It may block (the completion target runs on a tool thread, under its timeout).
 */
@FunctionalInterface
public interface Completer {

    /**
     * Values starting with {@code prefix}, compared without regard to case.
     *
     * @param limit return at most this many values; {@link Matches#total()} still counts them all
     * @param context values of the other arguments the client already knows
     */
    Matches complete(String prefix, int limit, Map<String, String> context, Caller caller);
}

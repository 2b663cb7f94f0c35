package io.toolgate.prompt;

import java.util.List;

/**
 * One argument of a prompt: always a string (MCP prompt arguments are strings).
 *
 * @param description may be null
 * @param values fixed completion values ({@code completion: {values: [...]}}); empty when none
 * @param completer a named completer ({@code completer: customer_ids}) that completes the argument; null when none
 * @param ask a question put to the person through the client when the argument is not given ({@code ask: ...}),
 *        so a prompt can be got without knowing every value up front; null when the argument is never asked for
 */
public record PromptArgument(String name, String description, boolean required, List<String> values,
        String completer, String ask) {

    public PromptArgument {
        values = values == null ? List.of() : List.copyOf(values);
    }

    public PromptArgument(String name, String description, boolean required, List<String> values, String completer) {
        this(name, description, required, values, completer, null);
    }

    /** An argument asked of the person through the client (elicitation) when the caller leaves it out. */
    public static PromptArgument asked(String name, String description, String question) {
        return new PromptArgument(name, description, false, List.of(), null, question);
    }

    public static PromptArgument required(String name, String description) {
        return new PromptArgument(name, description, true, List.of(), null);
    }

    public static PromptArgument optional(String name, String description) {
        return new PromptArgument(name, description, false, List.of(), null);
    }
}

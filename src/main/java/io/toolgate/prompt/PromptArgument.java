package io.toolgate.prompt;

import java.util.List;

/**
 * One argument of a prompt: always a string (MCP prompt arguments are strings).
 *
 * @param description may be null
 * @param values fixed completion values ({@code completion: {values: [...]}}); empty when none
 * @param completer a named completer ({@code completer: customer_ids}) that completes the argument; null when none
 */
public record PromptArgument(String name, String description, boolean required, List<String> values,
        String completer) {

    public PromptArgument {
        values = values == null ? List.of() : List.copyOf(values);
    }

    public static PromptArgument required(String name, String description) {
        return new PromptArgument(name, description, true, List.of(), null);
    }

    public static PromptArgument optional(String name, String description) {
        return new PromptArgument(name, description, false, List.of(), null);
    }
}

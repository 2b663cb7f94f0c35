package io.toolgate.prompt;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One MCP prompt: a named, parameterised list of messages, from a prompt file or registered in code.
 *
 * @param title may be null
 * @param roles a caller needs one of these to see and get the prompt; empty for everyone
 * @param origin where it came from (a file name, a class), for problems and logs
 */
public record PromptDefinition(String name, String title, String description, Set<String> roles,
        List<PromptArgument> arguments, List<PromptMessage> messages, String origin) {

    public PromptDefinition {
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,128}")) {
            throw new IllegalArgumentException("name must be 1 to 128 letters, digits, '_', '-' or '.', got " + name);
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("prompt '" + name + "' needs a description");
        }
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("prompt '" + name + "' needs at least one message");
        }
        Set<String> seen = new HashSet<>();
        for (PromptArgument a : arguments) {
            if (!seen.add(a.name())) {
                throw new IllegalArgumentException("prompt '" + name + "' names argument '" + a.name() + "' twice");
            }
        }
    }

    public PromptArgument argument(String argumentName) {
        for (PromptArgument a : arguments) {
            if (a.name().equals(argumentName)) {
                return a;
            }
        }
        return null;
    }
}

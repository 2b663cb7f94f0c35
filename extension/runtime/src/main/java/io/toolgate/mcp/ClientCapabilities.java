package io.toolgate.mcp;

import com.fasterxml.jackson.databind.JsonNode;

import io.toolgate.tool.ClientInput;

/**
 * Which of the client capabilities Toolgate uses a client declared: the three ways a tool can ask the client for
 * input. Kept as bits so a signed session id can carry them to another instance.
 */
record ClientCapabilities(int bits) {

    static final ClientCapabilities NONE = new ClientCapabilities(0);
    private static final String[] NAMES = { ClientInput.ELICITATION, ClientInput.SAMPLING, ClientInput.ROOTS };

    /** From a {@code capabilities} object (initialize) or {@code _meta} client capabilities (2026-07-28). */
    static ClientCapabilities of(JsonNode capabilities) {
        int bits = 0;
        if (capabilities != null && capabilities.isObject()) {
            for (int i = 0; i < NAMES.length; i++) {
                JsonNode value = capabilities.get(NAMES[i]);
                if (value != null && value.isObject()) {
                    bits |= 1 << i;
                }
            }
        }
        return new ClientCapabilities(bits);
    }

    boolean has(String capability) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(capability)) {
                return (bits & (1 << i)) != 0;
            }
        }
        return false;
    }

    /** The capability a server-to-client request needs, or null for methods no capability gates. */
    static String neededBy(String method) {
        return switch (method) {
            case "elicitation/create" -> ClientInput.ELICITATION;
            case "sampling/createMessage" -> ClientInput.SAMPLING;
            case "roots/list" -> ClientInput.ROOTS;
            default -> null;
        };
    }
}

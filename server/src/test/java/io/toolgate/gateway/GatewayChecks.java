package io.toolgate.gateway;

import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the gateway tests share: waiting for an upstream to get somewhere, and reading JSON answers. */
final class GatewayChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayChecks() {
    }

    /** Polls the condition every 100 ms; an upstream connects, lists and reconnects on threads of its own. */
    static void waitFor(Duration limit, BooleanSupplier condition, String what) {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("waited " + limit.toSeconds() + " s for " + what);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }

    /** One file's entry in a {@code GET /tool-sources} answer. */
    static JsonNode source(JsonNode sources, String file) {
        for (JsonNode s : sources.path("sources")) {
            if (file.equals(s.path("source").asText())) {
                return s;
            }
        }
        throw new AssertionError(file + " not in " + sources);
    }
}

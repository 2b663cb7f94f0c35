package io.toolgate.declarative;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.tool.ToolPolicy;

/**
 * One declarative HTTP tool as written in a definition file or derived from an OpenAPI operation, checked and ready
 * to become a {@link io.toolgate.tool.ToolDefinition}.
 *
 * @param secretEnv environment variable read at call time for the authentication header; null for none
 * @param allowedHosts hosts the tool may reach; the URL template's host when the file names none
 * @param timeout null for the configured default
 * @param retries null for the default (retries only when idempotent)
 * @param rateLimit null for none
 * @param tags labels to find the tool by
 */
public record HttpToolSpec(String name, String title, String description, ObjectNode parameters,
        RequestTemplate request, ResponseMapping response, String secretEnv, List<String> allowedHosts,
        boolean allowPrivateNetwork, Duration timeout, Integer maxResponseBytes, int maxConcurrency, Integer retries,
        Set<String> roles, ToolPolicy.RateLimit rateLimit, boolean readOnly, boolean idempotent,
        boolean destructive, String origin, Set<String> tags) {
}

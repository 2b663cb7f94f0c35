package io.toolgate.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.tool.ArgumentSchema;
import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolHints;
import io.toolgate.tool.ToolPolicy;

/**
 * Turns what an upstream lists in {@code tools/list} into Toolgate tool definitions: the name prefixed, the input and
 * output schemas exactly as published (the pipeline enforces what the upstream publishes before anything is
 * forwarded), the upstream's annotations as hints, and the upstream file's policy. A tool whose name or schema
 * Toolgate cannot accept is left out and reported, never half-served.
 */
final class UpstreamTools {

    // Toolgate's own rule for tool names (the MCP one, which every provider format accepts).
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");

    /** What one listing gave: the definitions and, per left-out tool, why. */
    record Listing(List<ToolDefinition> tools, List<String> problems) {
    }

    private UpstreamTools() {
    }

    static Listing define(UpstreamSpec spec, UpstreamClient client, List<ObjectNode> listed, Duration defaultTimeout) {
        List<ToolDefinition> tools = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        Duration timeout = spec.timeout() != null ? spec.timeout() : defaultTimeout;
        CallerIdentity identity = spec.http() == null || spec.http().identity() == null ? null
                : new CallerIdentity(spec.http().identity().header(), spec.http().identity().key(), spec.name());
        boolean routingHeaders = UpstreamClient.STATELESS.equals(spec.protocolVersion()) && spec.http() != null;
        for (ObjectNode t : listed) {
            String upstreamName = t.path("name").asText("");
            String name = spec.prefix() + upstreamName;
            if (!NAME.matcher(name).matches()) {
                problems.add("tool '" + upstreamName + "': the name " + name + " does not match "
                        + NAME.pattern());
                continue;
            }
            if (!seen.add(name)) {
                problems.add("tool '" + upstreamName + "': listed twice");
                continue;
            }
            JsonNode input = t.get("inputSchema");
            if (input == null || !input.isObject() || !"object".equals(input.path("type").asText())) {
                problems.add("tool '" + upstreamName + "': inputSchema must be a JSON Schema object with type"
                        + " object");
                continue;
            }
            List<String> invalid = ArgumentSchema.metaSchemaViolations(input);
            if (!invalid.isEmpty()) {
                problems.add("tool '" + upstreamName + "': inputSchema is not valid JSON Schema: " + invalid);
                continue;
            }
            JsonNode output = t.get("outputSchema");
            if (output != null && (!output.isObject() || !ArgumentSchema.metaSchemaViolations(output).isEmpty())) {
                problems.add("tool '" + upstreamName + "': outputSchema is not a valid JSON Schema object");
                continue;
            }
            JsonNode a = t.path("annotations");
            // MCP's defaults for absent hints: not read-only, destructive, not idempotent, open world.
            boolean readOnly = a.path("readOnlyHint").asBoolean(false);
            boolean idempotent = a.path("idempotentHint").asBoolean(false);
            ToolHints hints = new ToolHints(readOnly, a.path("destructiveHint").asBoolean(!readOnly), idempotent,
                    a.path("openWorldHint").asBoolean(true));
            // Retries only for what the upstream marks idempotent; results cached only for read-only idempotent
            // tools, and then only as configured (null takes toolgate.tools."<name>" / the defaults).
            ToolPolicy policy = new ToolPolicy(timeout, spec.maxConcurrency(), idempotent ? null
                    : ToolPolicy.Retry.NONE, null, spec.roles(), spec.rateLimit(),
                    readOnly && idempotent ? null : ToolPolicy.ResultCache.OFF);
            String description = t.path("description").asText("");
            tools.add(new ToolDefinition(name, t.path("title").isTextual() ? t.get("title").asText() : null,
                    description, (ObjectNode) input.deepCopy(), output == null ? null : (ObjectNode) output.deepCopy(),
                    hints, policy, new UpstreamToolExecutor(client, upstreamName, timeout, (ObjectNode) output,
                            routingHeaders ? (ObjectNode) input : null, identity),
                    "upstream " + spec.name() + " (" + spec.origin() + ")", Set.of("upstream:" + spec.name())));
        }
        return new Listing(tools, problems);
    }
}

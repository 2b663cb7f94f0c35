package io.toolgate.declarative;

import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolHints;
import io.toolgate.tool.ToolPolicy;

/**
 * Turns a checked {@link HttpToolSpec} into the {@link ToolDefinition} every door and stage reads. Unset policy
 * values stay null or 0 so that the registry fills them from configuration, as for annotated tools.
 */
public final class HttpToolFactory {

    private final SafeHttpClient client;
    private final int defaultMaxResponseBytes;
    private final Duration defaultTimeout;
    private final UnaryOperator<String> environment;

    public HttpToolFactory(SafeHttpClient client, int defaultMaxResponseBytes, Duration defaultTimeout,
            UnaryOperator<String> environment) {
        this.client = client;
        this.defaultMaxResponseBytes = defaultMaxResponseBytes;
        this.defaultTimeout = defaultTimeout;
        this.environment = environment;
    }

    public ToolDefinition define(HttpToolSpec spec) {
        OutboundPolicy outbound = new OutboundPolicy(spec.allowedHosts(), spec.allowPrivateNetwork(),
                spec.timeout() != null ? spec.timeout() : defaultTimeout,
                spec.maxResponseBytes() != null ? spec.maxResponseBytes() : defaultMaxResponseBytes);
        HttpToolExecutor executor = new HttpToolExecutor(spec.request(), spec.response(), outbound, spec.secretEnv(),
                client, environment);
        ToolPolicy policy = new ToolPolicy(spec.timeout(), spec.maxConcurrency(),
                spec.retries() == null ? null : new ToolPolicy.Retry(spec.retries(), null), null,
                spec.roles() == null ? Set.of() : Set.copyOf(spec.roles()), spec.rateLimit(), null);
        // An HTTP tool reaches a service outside Toolgate: open world, always.
        ToolHints hints = new ToolHints(spec.readOnly(), spec.destructive(), spec.idempotent(), true);
        return new ToolDefinition(spec.name(), spec.title(), spec.description(), spec.parameters(), null, hints,
                policy, executor, spec.origin(), spec.tags());
    }
}

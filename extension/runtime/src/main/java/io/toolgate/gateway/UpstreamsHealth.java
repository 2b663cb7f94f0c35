package io.toolgate.gateway;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.toolgate.declarative.ToolFolder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Each upstream MCP server's state in {@code /q/health/ready}. Always UP: an upstream that is away fails only its own
 * tools' calls, so a load balancer must keep sending this instance the rest; the details say which is away and why.
 */
@Readiness
@ApplicationScoped
public class UpstreamsHealth implements HealthCheck {

    @Inject
    ToolFolder folder;
    @Inject
    Upstreams upstreams;
    @Inject
    io.toolgate.config.ToolgateConfig config;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("toolgate-upstreams").up();
        // Asked only when a file describes an upstream, so a server without any never starts the gateway's part.
        if (folder.hasUpstreams() || !config.upstreams().isEmpty()) {
            upstreams.states().forEach(r::withData);
        }
        return r.build();
    }
}

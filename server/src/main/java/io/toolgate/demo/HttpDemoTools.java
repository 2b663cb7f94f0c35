package io.toolgate.demo;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.declarative.OutboundClients;
import io.toolgate.tool.ToolRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Registers the demo tools built on declarative HTTP ({@code get_weather}, and {@code call_external_api} when at
 * least one service is configured) while {@code toolgate.demo.enabled=true}. Defined in code rather than as files
 * because their base URLs and services come from configuration.
 */
@ApplicationScoped
public class HttpDemoTools {

    private static final Logger LOG = Logger.getLogger(HttpDemoTools.class);

    @Inject
    ToolgateConfig config;
    @Inject
    DemoConfig demo;
    @Inject
    ToolRegistry registry;
    @Inject
    OutboundClients clients;

    void onStart(@Observes StartupEvent start) {
        if (!demo.enabled()) {
            return;
        }
        int maxBytes = config.declarative().maxResponseBytes();
        registry.register(new WeatherTool(clients.client(), demo.weatherBaseUrl(), demo.geocodingBaseUrl(),
                demo.weatherAllowPrivateNetwork(), maxBytes).definition());
        if (demo.services().isEmpty()) {
            LOG.info("call_external_api is not served: no toolgate.demo.services are configured");
            return;
        }
        registry.register(new ExternalApiTool(demo.services(), clients.client(), maxBytes, System::getenv)
                .definition());
    }
}

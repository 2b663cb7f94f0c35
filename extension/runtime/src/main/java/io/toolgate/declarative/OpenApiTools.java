package io.toolgate.declarative;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Registers the operations of every configured OpenAPI document ({@code toolgate.declarative.openapi."<name>".*})
 * once at start-up. A document or operation that cannot be imported is logged and listed by
 * {@code GET /tool-sources}; the others are served.
 */
@ApplicationScoped
public class OpenApiTools {

    private static final Logger LOG = Logger.getLogger(OpenApiTools.class);

    @Inject
    ToolRegistry registry;
    @Inject
    OutboundClients clients;
    @Inject
    ToolgateConfig config;

    private final List<SourceStatus> statuses = new ArrayList<>();

    void onStart(@Observes StartupEvent start) {
        for (Map.Entry<String, ToolgateConfig.OpenApiSource> source : config.declarative().openapi().entrySet()) {
            importDocument(source.getKey(), source.getValue());
        }
    }

    private synchronized void importDocument(String name, ToolgateConfig.OpenApiSource source) {
        List<String> registered = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            OpenApiImporter.Imported imported = OpenApiImporter.load(name, source);
            problems.addAll(imported.problems());
            for (HttpToolSpec spec : imported.tools()) {
                try {
                    ToolDefinition tool = clients.factory().define(spec);
                    if (registry.register(tool) != null) {
                        registered.add(tool.name());
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(spec.name() + ": " + e.getMessage());
                }
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        problems.forEach(p -> LOG.warnf("OpenAPI source %s: %s", name, p));
        LOG.infof("OpenAPI source %s: %d tool(s) registered", name, registered.size());
        statuses.add(new SourceStatus("openapi:" + name, List.copyOf(registered),
                problems.isEmpty() ? null : String.join("; ", problems)));
    }

    public synchronized List<SourceStatus> statuses() {
        return List.copyOf(statuses);
    }
}

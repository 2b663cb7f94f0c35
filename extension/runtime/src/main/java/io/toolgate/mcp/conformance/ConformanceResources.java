package io.toolgate.mcp.conformance;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.primitive.PrimitiveException;
import io.toolgate.resource.ResourceCatalog;
import io.toolgate.resource.ResourceContents;
import io.toolgate.resource.ResourceDescriptor;
import io.toolgate.resource.ResourceSource;
import io.toolgate.resource.ResourceTemplateDescriptor;
import io.toolgate.resource.UriTemplate;
import io.toolgate.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The resources the MCP conformance suite reads by fixed URIs ({@code test://...}), registered through the public
 * {@link ResourceCatalog} API only with {@code toolgate.mcp.conformance-fixtures=true}. Texts and names are what the
 * suite checks, literally.
 */
@ApplicationScoped
public class ConformanceResources implements ResourceSource {

    private static final UriTemplate TEMPLATE = UriTemplate.of("test://template/{id}/data");
    private static final Map<String, String> TEXTS = Map.of(
            "test://static-text", "This is the content of the static text resource.",
            "test://watched-resource", "Watched resource content",
            "test://stateless-static-text", "Static text content from the stateless draft path.");
    private static final String BINARY = "test://static-binary";

    void register(@Observes StartupEvent start, ToolgateConfig config, ResourceCatalog catalog) {
        if (config.mcp().conformanceFixtures()) {
            catalog.register(this);
        }
    }

    @Override
    public String name() {
        return "conformance";
    }

    @Override
    public String description() {
        return "Fixture resources for the MCP conformance suite.";
    }

    @Override
    public boolean handles(String uri) {
        return uri.startsWith("test://");
    }

    @Override
    public List<ResourceDescriptor> resources(Caller caller) {
        return List.of(
                new ResourceDescriptor("test://static-text", "static-text", "Static Text Resource",
                        "A static text resource for testing", "text/plain", null),
                new ResourceDescriptor(BINARY, "static-binary", "Static Binary Resource",
                        "A static binary resource (a 1x1 PNG) for testing", "image/png", null),
                new ResourceDescriptor("test://watched-resource", "watched-resource", "Watched Resource",
                        "A resource that can be subscribed to for updates", "text/plain", null),
                new ResourceDescriptor("test://stateless-static-text", "stateless-static-text",
                        "Stateless Static Text Resource", "A static text resource for the stateless draft path",
                        "text/plain", null));
    }

    @Override
    public List<ResourceTemplateDescriptor> templates() {
        return List.of(new ResourceTemplateDescriptor(TEMPLATE.template(), "template", "Template Resource",
                "A resource template with parameter substitution", "application/json"));
    }

    @Override
    public ObjectNode read(String uri, Caller caller) throws PrimitiveException {
        String text = TEXTS.get(uri);
        if (text != null) {
            return ResourceContents.text(uri, "text/plain", text);
        }
        if (BINARY.equals(uri)) {
            return ResourceContents.base64(uri, "image/png", ConformanceFixtures.RED_PIXEL_PNG);
        }
        Map<String, String> values = TEMPLATE.match(uri).orElse(null);
        if (values == null) {
            throw PrimitiveException.resourceNotFound(uri);
        }
        String id = values.get("id");
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("id", id).put("templateTest", true)
                .put("data", "Data for ID: " + id);
        return ResourceContents.text(uri, "application/json", data.toString());
    }
}

package io.toolgate.resource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.config.ToolgateConfig;
import io.toolgate.invoke.CallControl;
import io.toolgate.primitive.Listeners;
import io.toolgate.primitive.Pages;
import io.toolgate.primitive.PrimitiveException;
import io.toolgate.primitive.PrimitiveTargets;
import io.toolgate.security.Caller;
import io.toolgate.tool.RegisteredTool;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Every MCP resource Toolgate serves, whatever source it comes from. Results are MCP 2025-11-25 result bodies; the
 * MCP door adds the wire around them. Each source is one pipeline target ({@code resource:<name>}), so every read is
 * authorized, rate-limited, validated, timed out, audited and counted like a tool call. What a caller's roles exclude
 * is neither listed nor readable, and reading it looks exactly like reading something that does not exist.
 *
 * <p>{@link #list}, {@link #listTemplates} and {@link #exists} may block (they ask sources, which read files and the
 * database): call them off the event loop.
 */
@Singleton
public class ResourceCatalog {

    private static final Logger LOG = Logger.getLogger(ResourceCatalog.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectNode READ_SCHEMA = PrimitiveTargets.oneStringSchema("uri",
            "The URI of the resource to read");

    private record Registered(ResourceSource source, RegisteredTool target) {
    }

    private final PrimitiveTargets targets;
    private final int pageSize;
    private final Listeners<Void> listChanged = new Listeners<>();
    private final Listeners<String> updated = new Listeners<>();
    private volatile Map<String, Registered> sources = Map.of();

    @Inject
    public ResourceCatalog(PrimitiveTargets targets, ToolgateConfig config) {
        this.targets = targets;
        this.pageSize = config.mcp().pageSize();
    }

    /**
     * Adds a family of resources and announces the changed list.
     *
     * @throws IllegalArgumentException when a source of that name is already registered
     */
    public synchronized void register(ResourceSource source) {
        if (sources.containsKey(source.name())) {
            throw new IllegalArgumentException("a resource source named '" + source.name() + "' is already registered");
        }
        RegisteredTool target = targets.blocking("resource:" + source.name(), source.description(), READ_SCHEMA,
                source.roles(), (arguments, caller) -> source.read(arguments.path("uri").asText(), caller));
        Map<String, Registered> next = new LinkedHashMap<>(sources);
        next.put(source.name(), new Registered(source, target));
        sources = next;
        announceListChanged();
    }

    /** Removes a family (a gateway upstream that went away); false when none had that name. */
    public synchronized boolean unregister(String name) {
        if (!sources.containsKey(name)) {
            return false;
        }
        Map<String, Registered> next = new LinkedHashMap<>(sources);
        next.remove(name);
        sources = next;
        announceListChanged();
        return true;
    }

    /** {@code {"resources":[{uri,name,title?,description?,mimeType?,size?}], "nextCursor"?}}, sorted by URI. */
    public ObjectNode list(String cursor, Caller caller) throws PrimitiveException {
        TreeMap<String, ResourceDescriptor> byUri = new TreeMap<>();
        for (Registered r : visible(caller)) {
            try {
                for (ResourceDescriptor d : r.source().resources(caller)) {
                    byUri.putIfAbsent(d.uri(), d);
                }
            } catch (RuntimeException e) {
                // One failing source (its database is down) must not hide every other source's resources.
                LOG.warnf("Resource source %s could not list its resources: %s", r.source().name(), e.getMessage());
            }
        }
        Pages.Page<ResourceDescriptor> page = Pages.page(new ArrayList<>(byUri.values()), ResourceDescriptor::uri,
                cursor, pageSize);
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putArray("resources");
        page.items().forEach(d -> list.add(d.toJson()));
        if (page.nextCursor() != null) {
            body.put("nextCursor", page.nextCursor());
        }
        return body;
    }

    /** {@code {"resourceTemplates":[{uriTemplate,name,title?,description?,mimeType?}], "nextCursor"?}}. */
    public ObjectNode listTemplates(String cursor, Caller caller) throws PrimitiveException {
        List<ResourceTemplateDescriptor> all = new ArrayList<>();
        for (Registered r : visible(caller)) {
            all.addAll(r.source().templates());
        }
        all.sort(Comparator.comparing(ResourceTemplateDescriptor::uriTemplate));
        Pages.Page<ResourceTemplateDescriptor> page = Pages.page(all, ResourceTemplateDescriptor::uriTemplate, cursor,
                pageSize);
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putArray("resourceTemplates");
        page.items().forEach(t -> list.add(t.toJson()));
        if (page.nextCursor() != null) {
            body.put("nextCursor", page.nextCursor());
        }
        return body;
    }

    /**
     * {@code {"contents":[{uri,mimeType,text}|{uri,mimeType,blob}]}}, through the pipeline as {@code resource:<name>}.
     * Completes exceptionally with a {@link PrimitiveException}: NOT_FOUND with {@code data.uri} for an unknown or
     * hidden URI (a URI no source handles is refused without a pipeline call, as there is no target to run).
     */
    public CompletionStage<ObjectNode> read(String uri, Caller caller, CallControl control) {
        if (uri == null || uri.isBlank()) {
            return CompletableFuture.failedFuture(PrimitiveException.invalidParams("uri is required"));
        }
        Optional<Registered> r = sourceOf(uri);
        if (r.isEmpty()) {
            return CompletableFuture.failedFuture(PrimitiveException.resourceNotFound(uri));
        }
        ObjectNode arguments = JSON.objectNode().put("uri", uri);
        return targets.invoke(r.get().target(), arguments, caller, control, PrimitiveException.resourceNotFound(uri));
    }

    /** Whether this caller could read the URI now: what {@code resources/subscribe} checks. */
    public boolean exists(String uri, Caller caller) {
        Optional<Registered> r = sourceOf(uri);
        if (r.isEmpty() || !mayUse(r.get(), caller)) {
            return false;
        }
        try {
            return r.get().source().exists(uri, caller);
        } catch (RuntimeException e) {
            LOG.debugf("Resource %s could not be checked: %s", uri, e.getMessage());
            return false;
        }
    }

    /**
     * Candidate values for one variable of a template this caller may see (completion/complete), or empty when no
     * visible source publishes that template.
     */
    public Optional<List<String>> complete(String uriTemplate, String variable, String prefix,
            Map<String, String> context, Caller caller) {
        for (Registered r : visible(caller)) {
            for (ResourceTemplateDescriptor t : r.source().templates()) {
                if (t.uriTemplate().equals(uriTemplate)) {
                    if (!UriTemplate.of(uriTemplate).variables().contains(variable)) {
                        return Optional.of(List.of());
                    }
                    return Optional.of(r.source().complete(uriTemplate, variable, prefix, context, caller));
                }
            }
        }
        return Optional.empty();
    }

    /** Called after a source was added or removed, or a source's own list changed. */
    public void onListChanged(Runnable listener) {
        listChanged.add(ignored -> listener.run());
    }

    /**
     * Called with a resource's URI when its content changed (a workflow run advanced). Not filtered by caller: send
     * it only to clients that subscribed through {@link #exists} with their own caller.
     */
    public void onUpdated(Consumer<String> listener) {
        updated.add(listener);
    }

    /** For sources: their list of resources changed. */
    public void announceListChanged() {
        listChanged.fire(null);
    }

    /** For sources: the content of this resource changed. */
    public void announceUpdated(String uri) {
        updated.fire(uri);
    }

    private Optional<Registered> sourceOf(String uri) {
        for (Registered r : sources.values()) {
            if (r.source().handles(uri)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private List<Registered> visible(Caller caller) {
        List<Registered> out = new ArrayList<>();
        for (Registered r : sources.values()) {
            if (mayUse(r, caller)) {
                out.add(r);
            }
        }
        return out;
    }

    // The compiled target's roles: the source's own plus toolgate.tools."resource:<name>".roles.
    private static boolean mayUse(Registered r, Caller caller) {
        return caller.mayUse(r.target().definition().policy().roles());
    }
}

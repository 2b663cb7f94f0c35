package io.toolgate.mcp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.prompt.PromptCatalog;
import io.toolgate.resource.ResourceCatalog;
import io.toolgate.tool.ToolRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The open notification streams of this instance: {@code GET /mcp} streams of the 2025 revisions (every list change,
 * plus updates of the resources the session subscribed to) and 2026-07-28 {@code subscriptions/listen} streams (only
 * what their filter names, each notification tagged with the subscription's id). Change sources call the
 * {@code ...Changed} methods; every stream that asked for that kind of change gets it.
 */
@ApplicationScoped
public class McpSubscriptions {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * One stream and what it wants.
     *
     * @param subscriptionId the id of the {@code subscriptions/listen} request, or null for a 2025 GET stream
     * @param resources URIs whose updates the stream wants; a live set (a 2025 session's subscriptions)
     */
    record Subscription(McpChannel channel, JsonNode subscriptionId, String sessionId, boolean tools, boolean prompts,
            boolean resourceList, Set<String> resources) {
    }

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

    @Inject
    ToolRegistry registry;
    @Inject
    PromptCatalog prompts;
    @Inject
    ResourceCatalog resources;

    void listen(@Observes StartupEvent start) {
        registry.onChange(this::toolsChanged);
        prompts.onListChanged(this::promptsChanged);
        resources.onListChanged(this::resourcesChanged);
        resources.onUpdated(this::resourceUpdated);
    }

    void add(Subscription subscription) {
        subscriptions.add(subscription);
    }

    void remove(Subscription subscription) {
        subscriptions.remove(subscription);
    }

    /** Ends the GET streams of a session that was deleted. */
    void closeSession(String sessionId) {
        for (Subscription s : subscriptions) {
            if (sessionId.equals(s.sessionId())) {
                subscriptions.remove(s);
                if (s.channel() instanceof SseStream stream) {
                    stream.close();
                }
            }
        }
    }

    void toolsChanged() {
        broadcast("notifications/tools/list_changed", null, Subscription::tools);
    }

    void promptsChanged() {
        broadcast("notifications/prompts/list_changed", null, Subscription::prompts);
    }

    void resourcesChanged() {
        broadcast("notifications/resources/list_changed", null, Subscription::resourceList);
    }

    void resourceUpdated(String uri) {
        broadcast("notifications/resources/updated", uri, s -> s.resources().contains(uri));
    }

    private void broadcast(String method, String uri, java.util.function.Predicate<Subscription> wants) {
        for (Subscription s : subscriptions) {
            if (!s.channel().canSend()) {
                subscriptions.remove(s);
            } else if (wants.test(s)) {
                s.channel().send(notification(method, uri, s.subscriptionId()));
            }
        }
    }

    static ObjectNode notification(String method, String uri, JsonNode subscriptionId) {
        ObjectNode params = null;
        if (uri != null || subscriptionId != null) {
            params = JSON.objectNode();
            if (uri != null) {
                params.put("uri", uri);
            }
            if (subscriptionId != null) {
                params.putObject("_meta").set(RequestMeta.SUBSCRIPTION_ID, subscriptionId);
            }
        }
        return JsonRpc.notification(method, params);
    }
}

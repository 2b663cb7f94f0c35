package io.toolgate.demo;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.declarative.HttpResults;
import io.toolgate.declarative.OutboundPolicy;
import io.toolgate.declarative.OutboundRequest;
import io.toolgate.declarative.ResponseMapping;
import io.toolgate.declarative.SafeHttpClient;
import io.toolgate.security.Caller;
import io.toolgate.tool.ArgumentsRejectedException;
import io.toolgate.tool.PreparedCall;
import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolException;
import io.toolgate.tool.ToolExecutor;
import io.toolgate.tool.ToolHints;
import io.toolgate.tool.ToolPolicy;

/**
 * {@code call_external_api(service, action, params)}: the model picks one of the configured services
 * ({@code toolgate.demo.services."<name>".*}, an enum in the schema) and an action, a path under the service's base
 * URL such as {@code v1/customers}; {@code params} go as the query string (GET) or a JSON body. Each service may only
 * reach its own base URL's host, and its secret is read from its environment variable at call time.
 */
final class ExternalApiTool implements ToolExecutor {

    private record Service(String baseUrl, String host, String secretEnv, String authHeader, String authScheme,
            String method, OutboundPolicy policy) {
    }

    private final Map<String, Service> services = new TreeMap<>();
    private final Map<String, String> descriptions = new TreeMap<>();
    private final SafeHttpClient client;
    private final UnaryOperator<String> environment;

    ExternalApiTool(Map<String, DemoConfig.ExternalService> configured, SafeHttpClient client,
            int maxResponseBytes, UnaryOperator<String> environment) {
        this.client = client;
        this.environment = environment;
        configured.forEach((name, s) -> {
            String base = s.baseUrl().endsWith("/") ? s.baseUrl().substring(0, s.baseUrl().length() - 1)
                    : s.baseUrl();
            URI uri = URI.create(base + "/");
            if (uri.getHost() == null || !(base.startsWith("https://") || base.startsWith("http://"))) {
                throw new IllegalArgumentException("toolgate.demo.services.\"" + name + "\".base-url must be an"
                        + " http(s) URL with a host");
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            String scheme = s.authScheme().orElse("Authorization".equalsIgnoreCase(s.authHeader()) ? "Bearer" : "");
            services.put(name, new Service(base, host, s.secretEnv().orElse(null), s.authHeader(), scheme,
                    s.method().toUpperCase(Locale.ROOT), new OutboundPolicy(List.of(host), s.allowPrivateNetwork(),
                            Duration.ofSeconds(15), maxResponseBytes)));
            descriptions.put(name, s.description().orElse("the " + name + " API at " + host));
        });
    }

    ToolDefinition definition() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        StringBuilder which = new StringBuilder("Which configured service to call: ");
        descriptions.forEach((name, d) -> which.append(name).append(" (").append(d).append("); "));
        ObjectNode service = properties.putObject("service");
        service.put("type", "string").put("description", which.toString().replaceAll("; $", ""));
        services.keySet().forEach(service.putArray("enum")::add);
        properties.putObject("action").put("type", "string").put("maxLength", 200)
                .put("pattern", "^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$")
                .put("description", "The API path to call under the service's base URL, such as 'v1/customers'");
        properties.putObject("params").put("type", "object")
                .put("description", "Parameters of the action: the query string for GET, else the JSON body");
        schema.putArray("required").add("service").add("action");
        schema.put("additionalProperties", false);
        return new ToolDefinition("call_external_api", "Call an external API",
                "Calls an action of one of the configured external APIs (such as a payment provider) and returns"
                        + " its JSON answer; the server adds the service's credentials.",
                schema, null, new ToolHints(false, false, false, true),
                new ToolPolicy(null, 0, null, null, Set.of(), null, null), this, "demo ExternalApiTool");
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public PreparedCall prepare(ObjectNode arguments, Caller caller) throws ArgumentsRejectedException {
        Service s = services.get(arguments.path("service").asText());
        String action = arguments.path("action").asText();
        JsonNode params = arguments.path("params");
        StringBuilder url = new StringBuilder(s.baseUrl());
        for (String segment : action.split("/")) {
            url.append('/').append(encode(segment));
        }
        byte[] body = null;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (s.method().equals("GET")) {
            char sep = '?';
            for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> p = it.next();
                JsonNode v = p.getValue();
                url.append(sep).append(encode(p.getKey())).append('=')
                        .append(encode(v.isContainerNode() ? v.toString() : v.asText()));
                sep = '&';
            }
        } else {
            body = (params.isObject() ? params : JsonNodeFactory.instance.objectNode()).toString()
                    .getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Type", "application/json");
        }
        String secret = s.secretEnv() == null ? null : environment.apply(s.secretEnv());
        if (s.secretEnv() != null && (secret == null || secret.isBlank())) {
            return () -> {
                throw new ToolException("the credentials of this service are not configured on the server");
            };
        }
        Set<String> secretHeaders = Set.of();
        if (secret != null) {
            headers.put(s.authHeader(), s.authScheme().isBlank() ? secret : s.authScheme().strip() + " " + secret);
            secretHeaders = Set.of(s.authHeader());
        }
        OutboundRequest request = new OutboundRequest(s.method(), URI.create(url.toString()), headers, body,
                secretHeaders);
        return () -> HttpResults.read(client.send(request, s.policy()), s.host(), secret, ResponseMapping.WHOLE);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

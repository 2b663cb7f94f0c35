package io.toolgate.declarative;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.invoke.JsonTrees;

import io.toolgate.invoke.FieldError;
import io.toolgate.tool.ArgumentsRejectedException;

/**
 * How a tool's arguments become an HTTP request: a URL template whose scheme and host are fixed text (arguments fill
 * only the path and query, URL-encoded, so no argument can change where the request goes), query parameters and
 * headers as {@code {param}} templates, and a JSON body template in which a string that is exactly {@code "{param}"}
 * takes the argument's JSON value. A query parameter, header or body field whose argument is absent is left out.
 */
public final class RequestTemplate {

    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
    private static final Pattern FIXED_ORIGIN = Pattern.compile("^(https?)://([^/?#{}]+)([/?].*)?$");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
    // Host must match the checked destination; the framing headers belong to the HTTP client.
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "connection", "upgrade", "te", "trailer", "keep-alive", "proxy-authorization", "proxy-connection");

    private final String method;
    private final String origin;
    private final String pathAndQuery;
    private final Map<String, String> query;
    private final Map<String, String> headers;
    private final JsonNode body;
    private final String authHeader;
    private final String authScheme;

    /**
     * @throws IllegalArgumentException when the method is unknown or the URL's scheme or host is not fixed text
     */
    public RequestTemplate(String method, String url, Map<String, String> query, Map<String, String> headers,
            JsonNode body, String authHeader, String authScheme) {
        this.method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(this.method)) {
            throw new IllegalArgumentException("method must be one of " + METHODS + ", got '" + method + "'");
        }
        Matcher m = FIXED_ORIGIN.matcher(url == null ? "" : url.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("url must start with http:// or https:// and a fixed host (no"
                    + " {placeholders} before the path), got '" + url + "'");
        }
        this.origin = m.group(1) + "://" + m.group(2);
        URI parsed = URI.create(origin + "/");
        if (parsed.getHost() == null || parsed.getRawUserInfo() != null) {
            throw new IllegalArgumentException("url must name a host without user information, got '" + url + "'");
        }
        this.pathAndQuery = m.group(3) == null ? "" : m.group(3);
        this.query = query == null ? Map.of() : new LinkedHashMap<>(query);
        this.headers = headers == null ? Map.of() : new LinkedHashMap<>(headers);
        for (String header : this.headers.keySet()) {
            if (RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header '" + header + "' is set by Toolgate itself and cannot be"
                        + " templated");
            }
        }
        this.body = body;
        this.authHeader = authHeader;
        this.authScheme = authScheme != null ? authScheme.strip()
                : "Authorization".equalsIgnoreCase(authHeader) ? "Bearer" : "";
    }

    /** The host of the URL template, which a tool may reach when it names no allowed hosts itself. */
    public String host() {
        return URI.create(origin + "/").getHost().toLowerCase(Locale.ROOT);
    }

    /** Every argument name the templates mention, so that a definition can be checked against its parameters. */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        collect(pathAndQuery, names);
        query.values().forEach(v -> collect(v, names));
        headers.values().forEach(v -> collect(v, names));
        collectBody(body, names);
        return names;
    }

    /**
     * @param secret the authentication secret, or null for none
     * @throws ArgumentsRejectedException when an argument cannot go where the template puts it
     */
    public OutboundRequest build(ObjectNode arguments, String secret) throws ArgumentsRejectedException {
        List<FieldError> errors = new ArrayList<>();
        String path = expand(pathAndQuery, arguments, errors, true);
        StringBuilder url = new StringBuilder(origin).append(path);
        boolean hasQuery = path.contains("?");
        for (Map.Entry<String, String> q : query.entrySet()) {
            for (String value : queryValues(q.getValue(), arguments, errors)) {
                url.append(hasQuery ? '&' : '?').append(encode(q.getKey())).append('=').append(encode(value));
                hasQuery = true;
            }
        }
        Map<String, String> outHeaders = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!allPresent(h.getValue(), arguments)) {
                continue;
            }
            String value = expand(h.getValue(), arguments, errors, false);
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                errors.add(new FieldError(firstPlaceholder(h.getValue()), "header",
                        "must not contain line breaks, as it is sent in the " + h.getKey() + " header"));
            }
            outHeaders.put(h.getKey(), value);
        }
        byte[] bodyBytes = null;
        if (body != null && !METHODS_WITHOUT_BODY.contains(method)) {
            JsonNode filled = fill(body, arguments);
            bodyBytes = (filled == null ? JsonNodeFactory.instance.objectNode() : filled).toString()
                    .getBytes(StandardCharsets.UTF_8);
            outHeaders.putIfAbsent("Content-Type", "application/json");
        }
        outHeaders.putIfAbsent("Accept", "application/json");
        Set<String> secretHeaders = Set.of();
        if (secret != null && authHeader != null) {
            outHeaders.put(authHeader, authScheme.isEmpty() ? secret : authScheme + " " + secret);
            secretHeaders = Set.of(authHeader);
        }
        if (!errors.isEmpty()) {
            throw new ArgumentsRejectedException(errors);
        }
        return new OutboundRequest(method, URI.create(url.toString()), outHeaders, bodyBytes, secretHeaders);
    }

    private static final Set<String> METHODS_WITHOUT_BODY = Set.of("GET", "HEAD");

    /** @param inUrl percent-encode the values, as they go into the URL; otherwise insert them as they are */
    private static String expand(String template, ObjectNode arguments, List<FieldError> errors, boolean inUrl) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            JsonNode value = arguments.get(name);
            String text = "";
            if (value == null || value.isNull()) {
                errors.add(new FieldError(name, "required", "is required to build the request URL or header"));
            } else if (value.isContainerNode()) {
                errors.add(new FieldError(name, "type", "must be a single value here, not an object or array"));
            } else {
                text = value.asText();
                boolean inPath = inUrl && template.lastIndexOf('?', m.start()) < 0;
                if (inPath && (text.isEmpty() || text.equals(".") || text.equals(".."))) {
                    errors.add(new FieldError(name, "pathSegment",
                            "must not be empty, '.' or '..', as it is a segment of the URL path"));
                }
                text = inUrl ? encode(text) : text;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<String> queryValues(String template, ObjectNode arguments, List<FieldError> errors) {
        if (!allPresent(template, arguments)) {
            return List.of();
        }
        Matcher whole = PLACEHOLDER.matcher(template);
        if (whole.matches() && arguments.get(whole.group(1)).isArray()) {
            List<String> values = new ArrayList<>();
            for (JsonNode item : arguments.get(whole.group(1))) {
                values.add(item.isContainerNode() ? item.toString() : item.asText());
            }
            return values;
        }
        return List.of(expand(template, arguments, errors, false));
    }

    private static boolean allPresent(String template, ObjectNode arguments) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            JsonNode v = arguments.get(m.group(1));
            if (v == null || v.isNull()) {
                return false;
            }
        }
        return true;
    }

    private static String firstPlaceholder(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        return m.find() ? m.group(1) : "(headers)";
    }

    /** The body template with arguments in place; null when it is a lone placeholder whose argument is absent. */
    private static JsonNode fill(JsonNode template, ObjectNode arguments) {
        return JsonTrees.rewriteText(template, value -> {
            String text = value.asText();
            Matcher whole = PLACEHOLDER.matcher(text);
            if (whole.matches()) {
                JsonNode v = arguments.get(whole.group(1));
                return v == null || v.isNull() ? null : v.deepCopy();
            }
            if (!allPresent(text, arguments)) {
                return null;
            }
            return JsonNodeFactory.instance.textNode(expand(text, arguments, new ArrayList<>(), false));
        });
    }

    private static void collect(String template, Set<String> names) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
    }

    private static void collectBody(JsonNode node, Set<String> names) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            collect(node.asText(), names);
        }
        node.forEach(child -> collectBody(child, names));
    }

    /** Percent-encodes everything but unreserved characters, so a value cannot add path segments or a query. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    }
}

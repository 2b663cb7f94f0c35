package io.toolgate.declarative;

import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.toolgate.tool.ToolPolicy;

/**
 * Reads a definition file (YAML or JSON, one tool per file) into an {@link HttpToolSpec}. Every problem is an
 * IllegalArgumentException whose message says which key is wrong and how, because it is shown to the operator as is.
 */
public final class DefinitionReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("name", "title", "description", "parameters", "method", "url",
            "query", "headers", "body", "auth", "response", "allowed_hosts", "allow_private_network", "timeout",
            "max_response_bytes", "max_concurrency", "retries", "roles", "rate_limit", "read_only", "idempotent",
            "destructive", "tags");
    private static final Pattern DURATION = Pattern.compile("^(\\d+)\\s*(ms|s|m|h)$");

    private DefinitionReader() {
    }

    /** @param fileName decides the syntax: .json is JSON, anything else YAML */
    public static HttpToolSpec read(byte[] content, String fileName) {
        return fromTree(tree(content, fileName), "file " + fileName);
    }

    /**
     * The file's one object, before it is read as an HTTP tool or (with a {@code command} block) a command tool.
     *
     * @param fileName decides the syntax: .json is JSON, anything else YAML
     */
    public static ObjectNode tree(byte[] content, String fileName) {
        JsonNode root;
        try {
            root = (fileName.endsWith(".json") ? JSON : YAML).readTree(content);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new IllegalArgumentException("the file is not valid " + (fileName.endsWith(".json") ? "JSON" : "YAML")
                    + where);
        } catch (IOException e) {
            throw new IllegalArgumentException("the file could not be read");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the file must hold one object describing one tool");
        }
        return (ObjectNode) root;
    }

    static HttpToolSpec fromTree(ObjectNode d, String origin) {
        List<String> unknown = new ArrayList<>();
        d.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                unknown.add(k);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown key(s) " + unknown + "; known keys are " + KEYS);
        }
        String name = requiredText(d, "name");
        ObjectNode parameters = parameters(d.get("parameters"));
        JsonNode auth = d.path("auth");
        String secretEnv = auth.path("secret_env").isTextual() ? auth.get("secret_env").asText() : null;
        RequestTemplate request = new RequestTemplate(text(d, "method", "GET"), requiredText(d, "url"),
                stringMap(d, "query"), stringMap(d, "headers"), d.get("body"),
                secretEnv == null ? null : auth.path("header").asText("Authorization"),
                secretEnv == null ? null : auth.path("scheme").asText(null));
        Set<String> declared = new HashSet<>();
        parameters.path("properties").fieldNames().forEachRemaining(declared::add);
        for (String used : request.placeholders()) {
            if (!declared.contains(used)) {
                throw new IllegalArgumentException("{" + used + "} is used in the request but is not one of the"
                        + " parameters " + declared);
            }
        }
        JsonNode response = d.path("response");
        String mapping = response.isTextual() ? response.asText()
                : response.path("pointer").isTextual() ? response.get("pointer").asText()
                : response.path("jsonpath").asText(null);
        List<String> allowedHosts = new ArrayList<>();
        d.path("allowed_hosts").forEach(h -> allowedHosts.add(h.asText()));
        if (allowedHosts.isEmpty()) {
            allowedHosts.add(request.host());
        }
        Set<String> roles = roles(d);
        ToolPolicy.RateLimit rateLimit = rateLimit(d);
        return new HttpToolSpec(name, text(d, "title", null), requiredText(d, "description"), parameters, request,
                ResponseMapping.parse(mapping), secretEnv, allowedHosts,
                d.path("allow_private_network").asBoolean(false),
                d.has("timeout") ? duration(d.get("timeout").asText(), "timeout") : null,
                d.has("max_response_bytes") ? positive(d, "max_response_bytes") : null,
                d.has("max_concurrency") ? positive(d, "max_concurrency") : 0,
                d.has("retries") ? retries(d.get("retries")) : null,
                roles, rateLimit, d.path("read_only").asBoolean(false), d.path("idempotent").asBoolean(false),
                d.path("destructive").asBoolean(false), origin, tags(d));
    }

    /**
     * The published input schema: the file's JSON Schema, closed with {@code additionalProperties: false} unless it
     * says otherwise, so that what is published is what is enforced.
     */
    public static ObjectNode parameters(JsonNode given) {
        if (given == null || given.isNull()) {
            ObjectNode empty = JsonNodeFactory.instance.objectNode();
            empty.put("type", "object");
            empty.putObject("properties");
            empty.put("additionalProperties", false);
            return empty;
        }
        if (!given.isObject()) {
            throw new IllegalArgumentException("parameters must be a JSON Schema object");
        }
        ObjectNode schema = ((ObjectNode) given).deepCopy();
        if (!schema.has("type")) {
            schema.put("type", "object");
        }
        if (!"object".equals(schema.path("type").asText())) {
            throw new IllegalArgumentException("parameters must be a schema of type object");
        }
        if (!schema.has("properties")) {
            schema.putObject("properties");
        }
        if (!schema.has("additionalProperties")) {
            schema.put("additionalProperties", false);
        }
        return schema;
    }

    private static Map<String, String> stringMap(JsonNode d, String key) {
        JsonNode node = d.get(key);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(key + " must map names to text templates");
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isContainerNode()) {
                throw new IllegalArgumentException(key + "." + e.getKey() + " must be text such as \"{param}\"");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /** {@code roles}: the roles a caller needs (any one of them); none = every caller. Shared by all tool files. */
    public static Set<String> roles(JsonNode d) {
        Set<String> roles = new HashSet<>();
        d.path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    /** {@code tags: [...]}: labels to find the tool by; each a short word ({@code [A-Za-z0-9:_.-]{1,64}}). */
    public static Set<String> tags(JsonNode d) {
        JsonNode list = d.get("tags");
        Set<String> tags = new java.util.LinkedHashSet<>();
        if (list == null || list.isNull()) {
            return tags;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("tags must be a list of words");
        }
        for (JsonNode t : list) {
            if (!t.isTextual() || !t.asText().matches("[A-Za-z0-9:_.-]{1,64}")) {
                throw new IllegalArgumentException("tags holds " + t + ", which is not a word of letters, digits and"
                        + " :_.- (at most 64)");
            }
            tags.add(t.asText());
        }
        return tags;
    }

    /** {@code rate_limit: {calls, period}} (period default 1m), or null. Shared by all tool files. */
    public static ToolPolicy.RateLimit rateLimit(JsonNode d) {
        if (!d.has("rate_limit")) {
            return null;
        }
        JsonNode rl = d.get("rate_limit");
        if (!rl.path("calls").canConvertToLong() || rl.path("calls").asLong() < 1) {
            throw new IllegalArgumentException("rate_limit.calls must be a positive whole number");
        }
        return new ToolPolicy.RateLimit(rl.get("calls").asLong(),
                rl.has("period") ? duration(rl.get("period").asText(), "rate_limit.period") : Duration.ofMinutes(1));
    }

    public static String requiredText(JsonNode d, String key) {
        JsonNode v = d.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("'" + key + "' is required and must be text");
        }
        return v.asText().strip();
    }

    private static String text(JsonNode d, String key, String fallback) {
        JsonNode v = d.get(key);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    public static int positive(JsonNode d, String key) {
        JsonNode v = d.get(key);
        if (!v.canConvertToInt() || v.asInt() < 1) {
            throw new IllegalArgumentException(key + " must be a positive whole number");
        }
        return v.asInt();
    }

    private static int retries(JsonNode v) {
        if (!v.canConvertToInt() || v.asInt() < 0 || v.asInt() > 10) {
            throw new IllegalArgumentException("retries must be a whole number from 0 to 10");
        }
        return v.asInt();
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT5S}); always positive. */
    public static Duration duration(String text, String key) {
        Duration d = parseDuration(text, key);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(key + " must be longer than zero, got '" + text + "'");
        }
        return d;
    }

    private static Duration parseDuration(String text, String key) {
        Matcher m = DURATION.matcher(text.strip());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 500ms, 5s or 2m, got '" + text + "'");
        }
    }
}

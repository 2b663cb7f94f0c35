package io.toolgate.tool;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rewrites a tool's input schema into what OpenAI's strict mode (Structured Outputs) accepts: every object closed
 * ({@code additionalProperties: false}) with every property required, the optional ones made nullable instead;
 * {@code oneOf} as {@code anyOf}; and each keyword strict mode does not support moved into the description, where the
 * model still reads it. What the rewrite cannot express is noted per tool. The model then fills in a null for an
 * optional argument it leaves out, which the pipeline drops again ({@link #dropNulls}) before validating the
 * arguments against the tool's full, original schema: the provider's check is a convenience, Toolgate's is the rule.
 */
public final class StrictSchemas {

    /** The rewritten schema, and what it could not carry over, one sentence each. */
    public record Result(ObjectNode schema, List<String> notes) {
    }

    /** Keywords strict mode supports; everything else in a schema is moved into its description. */
    private static final Set<String> SUPPORTED = Set.of("type", "properties", "required", "additionalProperties",
            "items", "enum", "const", "anyOf", "$ref", "$defs", "definitions", "description", "pattern", "format",
            "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems");
    /** Annotations that carry no constraint: dropped without a note. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "title", "examples",
            "deprecated", "readOnly", "writeOnly", "x-mcp-header");
    private static final Set<String> FORMATS = Set.of("date-time", "time", "date", "duration", "email", "hostname",
            "ipv4", "ipv6", "uuid");

    private StrictSchemas() {
    }

    public static Result rewrite(ObjectNode inputSchema) {
        List<String> notes = new ArrayList<>();
        ObjectNode schema = inputSchema.deepCopy();
        rewrite(schema, "", notes);
        if (!"object".equals(schema.path("type").asText())) {
            notes.add("(root): strict mode needs an object at the root");
        }
        return new Result(schema, List.copyOf(notes));
    }

    private static void rewrite(ObjectNode node, String path, List<String> notes) {
        if (node.has("oneOf")) {
            node.set("anyOf", node.remove("oneOf"));
            notes.add(where(path) + "oneOf became anyOf: that exactly one alternative matches is not enforced by the"
                    + " provider");
        }
        Map<String, JsonNode> moved = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            if (ANNOTATIONS.contains(key)) {
                it.remove();
            } else if (!SUPPORTED.contains(key)
                    || key.equals("format") && !FORMATS.contains(field.getValue().asText())) {
                moved.put(key, field.getValue());
                it.remove();
            }
        }
        if (!moved.isEmpty()) {
            StringBuilder text = new StringBuilder(node.path("description").asText(""));
            text.append(text.length() == 0 ? "(" : " (");
            List<String> parts = new ArrayList<>();
            moved.forEach((k, v) -> parts.add(k + ": " + (v.isTextual() ? v.asText() : v.toString())));
            text.append(String.join(", ", parts)).append(')');
            node.put("description", text.toString());
            notes.add(where(path) + String.join(", ", moved.keySet()) + " moved into the description (not enforced"
                    + " by the provider)");
        }
        if (node.path("properties").isObject() || "object".equals(node.path("type").asText())) {
            closeObject(node, path, notes);
        }
        if (node.path("items").isObject()) {
            rewrite((ObjectNode) node.get("items"), path + "[]", notes);
        }
        for (String list : new String[] { "anyOf" }) {
            if (node.path(list).isArray()) {
                int i = 0;
                for (JsonNode alternative : node.get(list)) {
                    if (alternative.isObject()) {
                        rewrite((ObjectNode) alternative, path + "|" + i++, notes);
                    }
                }
            }
        }
        for (String defs : new String[] { "$defs", "definitions" }) {
            if (node.path(defs).isObject()) {
                node.get(defs).fields().forEachRemaining(d -> {
                    if (d.getValue().isObject()) {
                        rewrite((ObjectNode) d.getValue(), "#/" + defs + "/" + d.getKey(), notes);
                    }
                });
            }
        }
    }

    /** Every property required, the optional ones nullable; nothing else accepted. */
    private static void closeObject(ObjectNode node, String path, List<String> notes) {
        JsonNode extra = node.get("additionalProperties");
        ObjectNode properties = node.path("properties").isObject() ? (ObjectNode) node.get("properties") : null;
        if (extra != null && !extra.isBoolean() || extra != null && extra.asBoolean()
                || extra == null && properties == null) {
            notes.add(where(path) + "a free-form object cannot be expressed in strict mode: the model can only send"
                    + " the named properties" + (properties == null ? " (none)" : ""));
        }
        node.put("additionalProperties", false);
        if (properties == null) {
            node.putObject("properties");
            node.putArray("required");
            return;
        }
        Set<String> required = new java.util.HashSet<>();
        node.path("required").forEach(r -> required.add(r.asText()));
        ArrayNode all = node.putArray("required");
        properties.fields().forEachRemaining(p -> {
            all.add(p.getKey());
            if (p.getValue().isObject()) {
                ObjectNode property = (ObjectNode) p.getValue();
                rewrite(property, path.isEmpty() ? p.getKey() : path + "." + p.getKey(), notes);
                if (!required.contains(p.getKey())) {
                    nullable(property);
                }
            }
        });
    }

    /** Lets null stand for "left out". */
    private static void nullable(ObjectNode property) {
        JsonNode type = property.get("type");
        if (type != null && type.isTextual()) {
            property.putArray("type").add(type.asText()).add("null");
        } else if (type != null && type.isArray()) {
            boolean has = false;
            for (JsonNode t : type) {
                has |= "null".equals(t.asText());
            }
            if (!has) {
                ((ArrayNode) type).add("null");
            }
        } else if (property.path("anyOf").isArray()) {
            ((ArrayNode) property.get("anyOf")).addObject().put("type", "null");
            return;
        } else {
            ObjectNode copy = property.deepCopy();
            property.removeAll();
            ArrayNode any = property.putArray("anyOf");
            any.add(copy);
            any.addObject().put("type", "null");
            return;
        }
        if (property.path("enum").isArray()) {
            ((ArrayNode) property.get("enum")).addNull();
        }
    }

    /**
     * Arguments a model filled under strict mode, with the nulls it sent for optional arguments it left out taken away
     * again (only where the original schema does not allow null), so the pipeline validates what the model meant.
     */
    public static void dropNulls(ObjectNode arguments, JsonNode originalSchema) {
        JsonNode properties = originalSchema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = arguments.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode schema = properties.path(field.getKey());
            if (field.getValue().isNull() && !allowsNull(schema)) {
                it.remove();
            } else if (field.getValue().isObject() && schema.isObject()) {
                dropNulls((ObjectNode) field.getValue(), schema);
            }
        }
    }

    private static boolean allowsNull(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return !schema.has("properties") && !schema.has("enum");
        }
        if (type.isTextual()) {
            return "null".equals(type.asText());
        }
        for (JsonNode t : type) {
            if ("null".equals(t.asText())) {
                return true;
            }
        }
        return false;
    }

    private static String where(String path) {
        return (path.isEmpty() ? "(root)" : path) + ": ";
    }
}

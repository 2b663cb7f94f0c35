package io.toolgate.tool;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Converts a tool's JSON Schema into the Gemini API's {@code Schema} for {@code functionDeclarations[].parameters}, a
 * subset of OpenAPI 3.0: types named in capitals, {@code nullable} instead of a {@code null} type, string enums
 * only, {@code $ref} resolved in place, and no {@code additionalProperties} or {@code oneOf}. What has no counterpart
 * is moved into the description or left out, and noted; the pipeline still enforces the full schema.
 */
public final class GeminiSchemas {

    public record Result(ObjectNode schema, List<String> notes) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Fields of Gemini's Schema that are copied as they are. */
    private static final Set<String> COPIED = Set.of("format", "title", "description", "maxItems", "minItems",
            "required", "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "example", "default",
            "minimum", "maximum", "propertyOrdering");
    private static final Set<String> DROPPED_SILENTLY = Set.of("$schema", "$id", "$comment", "$defs", "definitions",
            "x-mcp-header", "examples", "deprecated", "readOnly", "writeOnly");
    private static final int MAX_REF_DEPTH = 8;

    private GeminiSchemas() {
    }

    public static Result convert(ObjectNode inputSchema) {
        List<String> notes = new ArrayList<>();
        ObjectNode out = convert(inputSchema, inputSchema, "", notes, 0);
        return new Result(out, List.copyOf(notes));
    }

    private static ObjectNode convert(JsonNode node, JsonNode root, String path, List<String> notes, int depth) {
        ObjectNode out = JSON.objectNode();
        if (!node.isObject()) {
            return out;
        }
        if (node.has("$ref")) {
            JsonNode target = resolve(root, node.get("$ref").asText());
            if (target == null || depth >= MAX_REF_DEPTH) {
                notes.add(where(path) + (target == null ? "$ref " + node.get("$ref").asText() + " not found"
                        : "recursive $ref cut at depth " + MAX_REF_DEPTH) + "; an object of any shape is offered");
                return out.put("type", "OBJECT");
            }
            return convert(target, root, path, notes, depth + 1);
        }
        List<String> moved = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "type" -> type(value, out, path, notes);
                case "properties" -> {
                    ObjectNode properties = out.putObject("properties");
                    value.fields().forEachRemaining(p -> properties.set(p.getKey(), convert(p.getValue(), root,
                            path.isEmpty() ? p.getKey() : path + "." + p.getKey(), notes, depth)));
                }
                case "items" -> out.set("items", convert(value, root, path + "[]", notes, depth));
                case "anyOf", "oneOf" -> {
                    ArrayNode any = out.putArray("anyOf");
                    int i = 0;
                    for (JsonNode alternative : value) {
                        if ("null".equals(alternative.path("type").asText())) {
                            out.put("nullable", true);
                        } else {
                            any.add(convert(alternative, root, path + "|" + i++, notes, depth));
                        }
                    }
                    if (key.equals("oneOf")) {
                        notes.add(where(path) + "oneOf became anyOf");
                    }
                }
                case "enum" -> enumeration(value, out, moved);
                case "const" -> {
                    if (value.isTextual()) {
                        out.putArray("enum").add(value);
                    } else {
                        moved.add("const: " + value);
                    }
                }
                case "nullable" -> out.set("nullable", value);
                case "additionalProperties" -> {
                    if (!value.isBoolean() || value.asBoolean()) {
                        notes.add(where(path) + "additionalProperties has no counterpart: only the named properties"
                                + " are offered");
                    }
                }
                default -> {
                    if (COPIED.contains(key)) {
                        out.set(key, value);
                    } else if (!DROPPED_SILENTLY.contains(key)) {
                        moved.add(key + ": " + (value.isTextual() ? value.asText() : value.toString()));
                    }
                }
            }
        }
        if (!moved.isEmpty()) {
            String description = out.path("description").asText("");
            out.put("description", (description.isEmpty() ? "" : description + " ") + "(" + String.join(", ", moved)
                    + ")");
            notes.add(where(path) + moved.stream().map(m -> m.substring(0, m.indexOf(':'))).toList()
                    + " moved into the description");
        }
        return out;
    }

    /** {@code "string"} becomes STRING; {@code ["string","null"]} STRING and nullable. */
    private static void type(JsonNode type, ObjectNode out, String path, List<String> notes) {
        List<String> types = new ArrayList<>();
        if (type.isTextual()) {
            types.add(type.asText());
        } else {
            type.forEach(t -> types.add(t.asText()));
        }
        if (types.remove("null")) {
            out.put("nullable", true);
        }
        if (types.size() == 1) {
            out.put("type", types.get(0).toUpperCase(Locale.ROOT));
        } else if (types.size() > 1) {
            ArrayNode any = out.putArray("anyOf");
            types.forEach(t -> any.addObject().put("type", t.toUpperCase(Locale.ROOT)));
            notes.add(where(path) + "a list of types became anyOf");
        }
    }

    /** Gemini's enums are strings; others are described instead. */
    private static void enumeration(JsonNode values, ObjectNode out, List<String> moved) {
        boolean strings = true;
        for (JsonNode v : values) {
            strings &= v.isTextual() || v.isNull();
        }
        if (strings) {
            ArrayNode e = out.putArray("enum");
            values.forEach(v -> {
                if (v.isTextual()) {
                    e.add(v);
                } else {
                    out.put("nullable", true);
                }
            });
            if (!out.has("format")) {
                out.put("format", "enum");
            }
        } else {
            moved.add("enum: " + values);
        }
    }

    private static JsonNode resolve(JsonNode root, String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        JsonNode target = root.at(ref.substring(1));
        return target.isMissingNode() ? null : target;
    }

    private static String where(String path) {
        return (path.isEmpty() ? "(root)" : path) + ": ";
    }
}

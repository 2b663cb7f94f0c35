package io.toolgate.agent;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.toolgate.tool.ToolDefinition;

/**
 * Toolgate's published JSON Schema (2020-12) as langchain4j's schema model, which the model client serialises into
 * the provider's {@code tools} parameter.
 *
 * <p>Lossy on purpose: langchain4j's model carries types, descriptions, enums, arrays, nested objects, required
 * lists, {@code $defs}/{@code $ref} and {@code anyOf}, but not constraint keywords (minimum, pattern, lengths,
 * formats, defaults). Those still bind the model, because the pipeline validates every call against the full
 * schema and hands violations back to the model as tool results it can correct.
 */
final class ToolSpecifications {

    private static final String DEFS_PREFIX = "#/$defs/";
    private static final String DEFINITIONS_PREFIX = "#/definitions/";

    private ToolSpecifications() {
    }

    static ToolSpecification of(ToolDefinition tool) {
        return ToolSpecification.builder().name(tool.name()).description(tool.description())
                .parameters(parameters(tool.inputSchema())).build();
    }

    /** A tool's input schema: an object, with the {@code $defs} its references point into. */
    static JsonObjectSchema parameters(JsonNode schema) {
        return object(schema, true);
    }

    private static JsonObjectSchema object(JsonNode schema, boolean root) {
        JsonObjectSchema.Builder b = JsonObjectSchema.builder();
        String description = text(schema, "description");
        if (description != null && !root) {
            b.description(description);
        }
        JsonNode properties = schema.path("properties");
        Map<String, JsonSchemaElement> converted = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            converted.put(p.getKey(), element(p.getValue()));
        }
        b.addProperties(converted);
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        b.required(required);
        if (schema.has("additionalProperties") && schema.get("additionalProperties").isBoolean()) {
            b.additionalProperties(schema.get("additionalProperties").asBoolean());
        }
        if (root) {
            Map<String, JsonSchemaElement> definitions = new LinkedHashMap<>();
            JsonNode defs = schema.has("$defs") ? schema.get("$defs") : schema.path("definitions");
            for (Iterator<Map.Entry<String, JsonNode>> it = defs.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> d = it.next();
                definitions.put(d.getKey(), element(d.getValue()));
            }
            if (!definitions.isEmpty()) {
                b.definitions(definitions);
            }
        }
        return b.build();
    }

    static JsonSchemaElement element(JsonNode schema) {
        String description = text(schema, "description");
        String ref = text(schema, "$ref");
        if (ref != null) {
            String name = ref.startsWith(DEFS_PREFIX) ? ref.substring(DEFS_PREFIX.length())
                    : ref.startsWith(DEFINITIONS_PREFIX) ? ref.substring(DEFINITIONS_PREFIX.length()) : ref;
            return JsonReferenceSchema.builder().reference(name).build();
        }
        if (schema.has("enum")) {
            List<String> values = new ArrayList<>();
            schema.get("enum").forEach(v -> {
                if (!v.isNull()) {
                    values.add(v.asText());
                }
            });
            return JsonEnumSchema.builder().enumValues(values).description(description).build();
        }
        JsonNode anyOf = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
        if (anyOf != null && anyOf.isArray()) {
            List<JsonSchemaElement> options = new ArrayList<>();
            anyOf.forEach(o -> options.add(element(o)));
            return JsonAnyOfSchema.builder().anyOf(options).description(description).build();
        }
        switch (type(schema)) {
            case "string":
                return JsonStringSchema.builder().description(description).build();
            case "integer":
                return JsonIntegerSchema.builder().description(description).build();
            case "number":
                return JsonNumberSchema.builder().description(description).build();
            case "boolean":
                return JsonBooleanSchema.builder().description(description).build();
            case "null":
                return new JsonNullSchema();
            case "array":
                JsonNode items = schema.get("items");
                return JsonArraySchema.builder().description(description)
                        .items(items == null ? JsonStringSchema.builder().build() : element(items)).build();
            default:
                return object(schema, false);
        }
    }

    /** The first non-null type: {@code ["string","null"]} (an optional value) offers a string. */
    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return "object";
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
            return "null";
        }
        return type.asText();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}

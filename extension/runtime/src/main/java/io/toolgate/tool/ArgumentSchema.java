package io.toolgate.tool;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.toolgate.invoke.FieldError;
import io.toolgate.invoke.ValueText;

/**
 * A tool's published input schema, enforcing exactly what is published (the second validation layer). Violations
 * are rewritten from the validator's wording into messages that name the field, the rule and the offending value, so
 * a model can correct its call.
 *
 * <p>The validator is compiled once, when first needed ({@link #warm()} or the first call), not when the tool is
 * registered: the validator's factory and the 2020-12 meta-schema are a tenth of a second of start-up that the first
 * answer ({@code tools/list}) does not need. {@link ToolWarmUp} compiles every tool's validator in the background
 * after start-up.
 */
public final class ArgumentSchema {

    // A holder, so that loading ArgumentSchema does not load the validator's factory and meta-schema.
    private static final class Validators {
        static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .regularExpressionFactory(StrictEndPatterns.INSTANCE)
                .build();
        static final JsonSchema META_SCHEMA = FACTORY.getSchema(
                SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"), CONFIG);
    }

    private final ObjectNode source;
    private volatile JsonSchema schema;

    private ArgumentSchema(ObjectNode source) {
        this.source = source;
    }

    /**
     * A schema that comes from outside Toolgate (a tool file, an OpenAPI document, a tool registered in code):
     * checked against the JSON Schema 2020-12 meta-schema now, so an invalid one is refused when it is registered.
     *
     * @throws IllegalArgumentException naming the meta-schema violations of an invalid schema
     */
    public static ArgumentSchema compile(ObjectNode schema) {
        List<String> problems = metaSchemaViolations(schema);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("input schema is not valid JSON Schema 2020-12: " + problems);
        }
        return new ArgumentSchema(schema);
    }

    /**
     * A schema Toolgate's own generator wrote for a {@link Tool} method: the build checks every such schema against
     * the meta-schema (BuildTimeTools), and the generator's tests check it for the types it maps, so it is not
     * checked again at start-up.
     */
    public static ArgumentSchema generated(ObjectNode schema) {
        return new ArgumentSchema(schema);
    }

    /** What makes a document an invalid JSON Schema 2020-12; empty when it is valid. */
    public static List<String> metaSchemaViolations(JsonNode schema) {
        return Validators.META_SCHEMA.validate(schema).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Compiles the validator now, if it is not yet compiled. */
    public void warm() {
        validator();
    }

    private JsonSchema validator() {
        JsonSchema compiled = schema;
        if (compiled == null) {
            // Two threads may both compile on a first call: the result is the same, and the later write wins.
            compiled = Validators.FACTORY.getSchema(source, Validators.CONFIG);
            schema = compiled;
        }
        return compiled;
    }

    public List<FieldError> validate(JsonNode arguments) {
        Set<ValidationMessage> messages = validator().validate(arguments);
        if (messages.isEmpty()) {
            return List.of();
        }
        List<FieldError> errors = new ArrayList<>(messages.size());
        for (ValidationMessage m : messages) {
            errors.add(toFieldError(m));
        }
        errors.sort((a, b) -> a.field().compareTo(b.field()));
        return errors;
    }

    private FieldError toFieldError(ValidationMessage m) {
        String keyword = m.getType();
        String path = fieldPath(m.getInstanceLocation().toString());
        String field = m.getProperty() != null && ("required".equals(keyword) || "additionalProperties".equals(keyword))
                ? join(path, m.getProperty())
                : path;
        String got = ValueText.shorten(m.getInstanceNode());
        Object[] args = m.getArguments() == null ? new Object[0] : m.getArguments();
        String limit = args.length > 0 ? String.valueOf(args[0]) : "";
        String message = switch (keyword) {
            case "required" -> "is required";
            case "additionalProperties" -> "is not a known parameter" + knownParameters(path);
            case "type" -> "must be of type " + schemaValue(m, "type") + ", got " + got;
            case "enum" -> "must be one of " + schemaValue(m, "enum") + ", got " + got;
            case "const" -> "must be " + schemaValue(m, "const") + ", got " + got;
            case "minimum" -> "must be >= " + limit + ", got " + got;
            case "maximum" -> "must be <= " + limit + ", got " + got;
            case "exclusiveMinimum" -> "must be > " + limit + ", got " + got;
            case "exclusiveMaximum" -> "must be < " + limit + ", got " + got;
            case "minLength" -> "must be at least " + limit + " characters long, got " + got;
            case "maxLength" -> "must be at most " + limit + " characters long, got " + got;
            case "minItems" -> "must have at least " + limit + " items, got " + got;
            case "maxItems" -> "must have at most " + limit + " items, got " + got;
            case "pattern" -> "must match the pattern " + limit + ", got " + got;
            case "format" -> "must be a valid " + schemaValue(m, "format") + ", got " + got;
            default -> stripLocation(m.getMessage());
        };
        return new FieldError(field.isEmpty() ? "(arguments)" : field, keyword, message);
    }

    private String knownParameters(String path) {
        if (!path.isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        Iterator<String> it = source.path("properties").fieldNames();
        it.forEachRemaining(names::add);
        return "; known parameters: " + names;
    }

    private static String schemaValue(ValidationMessage m, String keyword) {
        JsonNode node = m.getSchemaNode();
        if (node != null && node.has(keyword)) {
            JsonNode value = node.get(keyword);
            return value.isTextual() ? value.asText() : value.toString();
        }
        Object[] args = m.getArguments();
        return args != null && args.length > 0 ? String.valueOf(args[0]) : keyword;
    }

    private static String fieldPath(String jsonPath) {
        if (jsonPath.startsWith("$.")) {
            return jsonPath.substring(2);
        }
        return jsonPath.startsWith("$") ? jsonPath.substring(1) : jsonPath;
    }

    private static String join(String path, String property) {
        return path.isEmpty() ? property : path + "." + property;
    }

    private static String stripLocation(String message) {
        int colon = message.indexOf(": ");
        return message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
    }
}

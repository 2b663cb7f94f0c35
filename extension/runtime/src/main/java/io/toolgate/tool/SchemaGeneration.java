package io.toolgate.tool;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;

import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Builds JSON Schema 2020-12 input and output schemas from Java signatures, once per tool at registration.
 *
 * <p>
 * Types (records, POJOs, enums, lists, arrays, and the constraints on their fields) are left to victools'
 * generator with its Jackson and Jakarta Validation modules. Those modules read fields and methods, not method
 * parameters, so the constraints written directly on a tool method's parameters are mapped here, keyword by keyword.
 */
public final class SchemaGeneration {

    private final SchemaGenerator generator;

    private final ObjectMapper mapper;

    public SchemaGeneration(ObjectMapper mapper) {
        this.mapper = mapper;
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(mapper, SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY,
                        JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
                .with(new JakartaValidationModule(JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED))
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                // A Map parameter is an open object whose values have the map's value type.
                .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        // @Pattern and @NotBlank of fields as Bean Validation means them (see patternOf), not as the module writes them.
        config.forFields().withStringPatternResolver(field -> patternOf(
                field.getAnnotationConsideringFieldAndGetter(Pattern.class),
                field.getAnnotationConsideringFieldAndGetter(NotBlank.class) != null));
        // A primitive field can never be absent once bound, so the model must always send it.
        config.forFields().withRequiredCheck(field -> field.getType() != null && field.getType().isPrimitive());
        this.generator = new SchemaGenerator(config.build());
    }

    /** The input and output schemas of a tool method, as published. */
    public SchemaIndex.Schemas schemasOf(Method method) {
        return schemasOf(method, ParameterSpec.allOf(method, mapper), mapper);
    }

    SchemaIndex.Schemas schemasOf(Method method, List<ParameterSpec> parameters, ObjectMapper mapper) {
        return new SchemaIndex.Schemas(inputSchema(parameters, mapper), outputSchema(method));
    }

    ObjectNode inputSchema(List<ParameterSpec> parameters, ObjectMapper mapper) {
        SchemaBuilder builder = generator.buildMultipleSchemaDefinitions();
        ObjectNode schema = mapper.createObjectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = mapper.createArrayNode();
        for (ParameterSpec p : parameters) {
            if (p.callerInjected()) {
                continue;
            }
            ObjectNode property = builder.createSchemaReference(p.valueType());
            properties.set(p.name(), property);
            if (p.required() || impliesRequired(p)) {
                required.add(p.name());
            }
        }
        ObjectNode definitions = builder.collectDefinitions("$defs");
        // Constraints and descriptions go on after collectDefinitions, which rewrites the reference nodes.
        for (ParameterSpec p : parameters) {
            if (p.callerInjected()) {
                continue;
            }
            ObjectNode property = (ObjectNode) properties.get(p.name());
            if (!p.description().isEmpty()) {
                property.put("description", p.description());
            }
            if (p.defaultValue() != null) {
                property.set("default", p.defaultValue());
            }
            applyParameterConstraints(property, p);
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        if (definitions != null && !definitions.isEmpty()) {
            schema.set("$defs", definitions);
        }
        return schema;
    }

    /** An object schema for a record or POJO result; null for text, numbers, collections and the like. */
    ObjectNode outputSchema(Method method) {
        Type type = unwrapAsync(method.getGenericReturnType());
        Class<?> raw = rawClass(type);
        if (raw == null || !describesObject(raw)) {
            return null;
        }
        ObjectNode schema = generator.generateSchema(type);
        return "object".equals(schema.path("type").asText()) ? schema : null;
    }

    static Type unwrapAsync(Type type) {
        Class<?> raw = rawClass(type);
        if (raw != null && (CompletionStage.class.isAssignableFrom(raw) || Uni.class.isAssignableFrom(raw))) {
            return type instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0] : Object.class;
        }
        return type;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    private static boolean describesObject(Class<?> raw) {
        return !(raw.isPrimitive() || raw.isArray() || raw.isEnum() || raw == Void.class || raw == Object.class
                || CharSequence.class.isAssignableFrom(raw) || Number.class.isAssignableFrom(raw)
                || raw == Boolean.class || Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)
                || JsonNode.class.isAssignableFrom(raw) || raw.getName().startsWith("java."));
    }

    private static boolean impliesRequired(ParameterSpec p) {
        return !p.optional() && p.defaultValue() == null
                && (p.parameter().getType().isPrimitive() || p.parameter().isAnnotationPresent(NotNull.class)
                        || p.parameter().isAnnotationPresent(NotBlank.class)
                        || p.parameter().isAnnotationPresent(NotEmpty.class));
    }

    private static void applyParameterConstraints(ObjectNode property, ParameterSpec p) {
        boolean array = "array".equals(property.path("type").asText());
        Pattern pattern = null;
        boolean notBlank = false;
        for (Annotation a : p.constraintAnnotations()) {
            if (a instanceof NotBlank) {
                property.put("minLength", 1);
                notBlank = true;
            } else if (a instanceof NotEmpty) {
                property.put(array ? "minItems" : "minLength", 1);
            } else if (a instanceof Min min) {
                property.put("minimum", min.value());
            } else if (a instanceof Max max) {
                property.put("maximum", max.value());
            } else if (a instanceof DecimalMin min) {
                property.put(min.inclusive() ? "minimum" : "exclusiveMinimum", new BigDecimal(min.value()));
            } else if (a instanceof DecimalMax max) {
                property.put(max.inclusive() ? "maximum" : "exclusiveMaximum", new BigDecimal(max.value()));
            } else if (a instanceof Positive) {
                property.put("exclusiveMinimum", 0);
            } else if (a instanceof PositiveOrZero) {
                property.put("minimum", 0);
            } else if (a instanceof Negative) {
                property.put("exclusiveMaximum", 0);
            } else if (a instanceof NegativeOrZero) {
                property.put("maximum", 0);
            } else if (a instanceof Size size) {
                if (size.min() > 0) {
                    property.put(array ? "minItems" : "minLength", size.min());
                }
                if (size.max() < Integer.MAX_VALUE) {
                    property.put(array ? "maxItems" : "maxLength", size.max());
                }
            } else if (a instanceof Pattern declared) {
                pattern = declared;
            } else if (a instanceof Email) {
                property.put("format", "email");
            }
        }
        String regexp = patternOf(pattern, notBlank);
        if (regexp != null) {
            property.put("pattern", regexp);
        }
    }

    /**
     * The JSON Schema pattern that says what Bean Validation checks: {@code @Pattern} matches the whole value (JSON
     * Schema's pattern matches anywhere in it, so it is anchored), {@code @NotBlank} wants a character that is not
     * white space. Written this way the schema layer enforces both exactly (its {@code $} is the end of the value,
     * {@link StrictEndPatterns}), so an application without Hibernate Validator loses nothing, and a model reads the
     * rule that is applied.
     */
    static String patternOf(Pattern pattern, boolean notBlank) {
        if (pattern == null) {
            return notBlank ? "\\S" : null;
        }
        String regexp = pattern.regexp();
        boolean anchored = regexp.startsWith("^") && regexp.endsWith("$") && !regexp.endsWith("\\$");
        if (anchored && !notBlank && regexp.indexOf('|') < 0) {
            return regexp; // already whole-value: published as written
        }
        String whole = "(?:" + (anchored ? regexp.substring(1, regexp.length() - 1) : regexp) + ")";
        return notBlank ? "^(?=[\\s\\S]*\\S)" + whole + "$" : "^" + whole + "$";
    }
}

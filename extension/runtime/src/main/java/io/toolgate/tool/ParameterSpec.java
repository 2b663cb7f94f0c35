package io.toolgate.tool;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * One parameter of a tool method as the schema generator and the argument binder both see it.
 *
 * @param valueType the Java type of the JSON value ({@code Optional<T>} unwrapped to T)
 * @param defaultValue the parsed {@link ToolParam#defaultValue()}, or null
 */
record ParameterSpec(String name, String description, Parameter parameter, Type valueType, boolean optional,
        JsonNode defaultValue, boolean required) {

    /** A {@link io.toolgate.security.Caller} parameter is filled with the caller, never taken from the model. */
    boolean callerInjected() {
        return parameter.getType() == io.toolgate.security.Caller.class;
    }

    /** The specs of all of a method's parameters, in order. */
    static List<ParameterSpec> allOf(Method method, ObjectMapper mapper) {
        return Arrays.stream(method.getParameters()).map(p -> of(p, mapper)).toList();
    }

    static ParameterSpec of(Parameter parameter, ObjectMapper mapper) {
        ToolParam annotation = parameter.getAnnotation(ToolParam.class);
        String name = annotation != null && !annotation.name().isEmpty() ? annotation.name()
                : snakeCase(parameter.getName());
        String description = annotation != null ? annotation.description() : "";
        Type type = parameter.getParameterizedType();
        boolean optional = parameter.getType() == Optional.class;
        if (optional) {
            type = type instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0] : Object.class;
        }
        JsonNode defaultValue = annotation != null && !annotation.defaultValue().isEmpty()
                ? parseDefault(annotation.defaultValue(), mapper)
                : null;
        boolean required = !optional && defaultValue == null && (annotation == null || annotation.required());
        return new ParameterSpec(name, description, parameter, type, optional, defaultValue, required);
    }

    /**
     * The constraints that apply to the value: those on the parameter, and for {@code Optional<@Positive T>} those on
     * the type argument, where Bean Validation needs them to reach the unwrapped value.
     */
    java.util.List<java.lang.annotation.Annotation> constraintAnnotations() {
        java.util.List<java.lang.annotation.Annotation> all = new java.util.ArrayList<>(
                java.util.Arrays.asList(parameter.getAnnotations()));
        if (optional && parameter.getAnnotatedType() instanceof java.lang.reflect.AnnotatedParameterizedType apt) {
            all.addAll(java.util.Arrays.asList(apt.getAnnotatedActualTypeArguments()[0].getAnnotations()));
        }
        return all;
    }

    // JSON arguments follow the snake_case convention of LLM tool schemas; Java names are camelCase.
    static String snakeCase(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    // A default is written as JSON ("true", "10", "[]"); text that is not JSON is taken as a plain string.
    private static JsonNode parseDefault(String text, ObjectMapper mapper) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException notJson) {
            return TextNode.valueOf(text);
        }
    }
}

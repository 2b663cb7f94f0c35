package io.toolgate.deployment;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.pkg.NativeConfig;
import io.quarkus.deployment.pkg.steps.NativeOrNativeSourcesBuild;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.validation.Constraint;

/**
 * Bean Validation is the application's choice: quarkus-hibernate-validator, or on the JVM hibernate-validator as a
 * plain library, built on first use (the runtime's BeanValidation; a native image needs the extension, which
 * registers it). Without either, a tool's constraints are enforced by the JSON Schema they are written into, which
 * expresses the standard ones exactly (SchemaGeneration); a constraint it cannot express would silently go
 * unchecked, so the build fails naming the tool, the element and the constraint.
 */
class BeanValidationProcessor {

    static final String HIBERNATE_VALIDATOR = "io.quarkus.hibernate.validator.runtime.HibernateValidatorRecorder";
    static final String PLAIN_HIBERNATE_VALIDATOR = "org.hibernate.validator.HibernateValidator";

    /** The constraints the published schema enforces exactly (SchemaGeneration and the victools module). */
    static final Set<String> IN_THE_SCHEMA = Set.of("NotNull", "NotEmpty", "NotBlank", "Size", "Min", "Max",
            "DecimalMin", "DecimalMax", "Positive", "PositiveOrZero", "Negative", "NegativeOrZero", "Pattern", "Email")
            .stream().map(n -> "jakarta.validation.constraints." + n).collect(Collectors.toUnmodifiableSet());

    static final String PATTERN = "jakarta.validation.constraints.Pattern";

    @BuildStep
    void constraintsNeedAValidator(ToolClassesBuildItem tools, CombinedIndexBuildItem combined, NativeConfig nativeConfig,
            BuildProducer<ValidationErrorBuildItem> errors) {
        boolean nativeImage = new NativeOrNativeSourcesBuild(nativeConfig).getAsBoolean();
        boolean plain = QuarkusClassLoader.isClassPresentAtRuntime(PLAIN_HIBERNATE_VALIDATOR);
        if (QuarkusClassLoader.isClassPresentAtRuntime(HIBERNATE_VALIDATOR) || plain && !nativeImage) {
            return;
        }
        String advice = plain // and a native build
                ? "a native image has Bean Validation through quarkus-hibernate-validator only (it registers the"
                        + " validators and messages that a plain hibernate-validator reflects on): add"
                        + " io.quarkus:quarkus-hibernate-validator (docs/extension.md)"
                : "the application has no Bean Validation to check them: add io.quarkus:quarkus-hibernate-validator"
                        + " (docs/extension.md)";
        List<String> unchecked = new ArrayList<>();
        for (Method method : ToolgateProcessor.toolMethods(tools.classNames())) {
            String tool = method.getDeclaringClass().getSimpleName() + "." + method.getName();
            TreeSet<String> types = new TreeSet<>();
            for (Parameter parameter : method.getParameters()) {
                check(parameter.getAnnotatedType(), parameter.getAnnotations(),
                        tool + " parameter " + parameter.getName(), unchecked);
                TypeClosure.collect(parameter.getParameterizedType(), types, combined.getIndex());
            }
            for (String type : types) {
                for (Field field : ToolgateProcessor.load(type, "Tool parameter type").getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())) {
                        check(field.getAnnotatedType(), field.getAnnotations(),
                                tool + " field " + type + "." + field.getName(), unchecked);
                    }
                }
            }
        }
        if (!unchecked.isEmpty()) {
            errors.produce(new ValidationErrorBuildItem(new ConfigurationException(
                    "These tool constraints cannot be written into a JSON Schema, and " + advice + "\n  "
                            + String.join("\n  ", new TreeSet<>(unchecked)))));
        }
    }

    private static void check(AnnotatedType type, Annotation[] declared, String where, List<String> unchecked) {
        for (Annotation annotation : declared) {
            if (!expressed(annotation)) {
                unchecked.add(where + ": @" + annotation.annotationType().getName());
            }
        }
        // Container elements: List<@Positive Integer>.
        List<AnnotatedType> elements = new ArrayList<>();
        if (type instanceof AnnotatedParameterizedType p) {
            elements.addAll(Arrays.asList(p.getAnnotatedActualTypeArguments()));
        } else if (type instanceof AnnotatedArrayType a) {
            elements.add(a.getAnnotatedGenericComponentType());
        }
        for (AnnotatedType element : elements) {
            check(element, element.getAnnotations(), where + " (element)", unchecked);
        }
    }

    private static boolean expressed(Annotation annotation) {
        Class<? extends Annotation> type = annotation.annotationType();
        // By name: the application's annotation and this module may see jakarta.validation through different
        // class loaders.
        if (Arrays.stream(type.getAnnotations())
                .noneMatch(a -> a.annotationType().getName().equals(Constraint.class.getName()))) {
            return true; // not a constraint
        }
        if (type.getName().equals(PATTERN) && hasFlags(annotation)) {
            return false; // JSON Schema's patterns take no flags
        }
        return IN_THE_SCHEMA.contains(type.getName());
    }

    private static boolean hasFlags(Annotation pattern) {
        try {
            return ((Object[]) pattern.annotationType().getMethod("flags").invoke(pattern)).length > 0;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("@Pattern without flags(): " + pattern, e);
        }
    }
}

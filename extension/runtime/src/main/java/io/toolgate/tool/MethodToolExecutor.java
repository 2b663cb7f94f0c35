package io.toolgate.tool;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.toolgate.invoke.FieldError;
import io.toolgate.invoke.ValueText;
import io.toolgate.security.Caller;
import io.toolgate.security.ToolIdentity;
import jakarta.enterprise.invoke.Invoker;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.executable.ExecutableValidator;
import jakarta.validation.metadata.MethodDescriptor;

/**
 * Runs a {@link Tool} method: binds each argument with a reader prepared at registration, runs Bean Validation on
 * the bound values (the third validation layer, where custom constraints live), then calls the method through the
 * invoker ArC generated for it at build time (a plain call, no reflection); only a tool defined outside a Quarkus
 * build (the benchmarks' embedded pipeline) is called through a method handle.
 */
final class MethodToolExecutor implements ToolExecutor {

    private final Object bean;
    private final Method method;
    private final Invoker<Object, Object> invoker;
    private final MethodHandle handle;
    private final List<ParameterSpec> parameters;
    private final ObjectReader[] readers;
    private final Supplier<Validator> validation;
    // Whether the method has constraints, and so needs Bean Validation, is read on first use (BeanValidation); null
    // until then. Two threads reading at once find the same answer, so neither waits for the other.
    private volatile Optional<ExecutableValidator> constraints;
    private final boolean blocking;
    private final boolean inline;
    private final boolean asCaller;

    MethodToolExecutor(Object bean, Method method, Invoker<Object, Object> invoker, List<ParameterSpec> parameters,
            ObjectMapper mapper, Supplier<Validator> validation) {
        this.bean = bean;
        this.invoker = invoker;
        this.method = method;
        this.parameters = parameters;
        this.validation = validation;
        this.readers = parameters.stream()
                .map(p -> mapper.readerFor(mapper.getTypeFactory().constructType(p.valueType())))
                .toArray(ObjectReader[]::new);
        this.handle = invoker != null ? null : handleOf(bean, method, parameters.size());
        Class<?> returned = method.getReturnType();
        boolean async = CompletionStage.class.isAssignableFrom(returned) || Uni.class.isAssignableFrom(returned);
        this.inline = !async && method.getAnnotation(Tool.class).nonBlocking();
        this.blocking = !async && !inline;
        this.asCaller = ToolIdentity.applies();
    }

    private static MethodHandle handleOf(Object bean, Method method, int arity) {
        try {
            return MethodHandles.publicLookup().unreflect(method).bindTo(bean).asSpreader(Object[].class, arity)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Tool method " + method + " must be public in a public class", e);
        }
    }

    /** The tool method (what a native image must allow to be reflected on; see native/README.md). */
    Method method() {
        return method;
    }

    @Override
    public boolean inline() {
        return inline;
    }

    @Override
    public boolean blocking() {
        return blocking;
    }

    @Override
    public PreparedCall prepare(ObjectNode arguments, Caller caller) throws ArgumentsRejectedException {
        Object[] values = new Object[parameters.size()];
        List<FieldError> errors = new ArrayList<>(0);
        for (int i = 0; i < values.length; i++) {
            ParameterSpec p = parameters.get(i);
            if (p.callerInjected()) {
                values[i] = caller;
                continue;
            }
            JsonNode json = arguments.get(p.name());
            if (json == null || json.isNull()) {
                json = p.defaultValue();
            }
            Object value = null;
            if (json != null && !json.isNull()) {
                try {
                    value = readers[i].readValue(json);
                } catch (IOException e) {
                    errors.add(new FieldError(p.name(), "type", "cannot be read as "
                            + p.parameter().getType().getSimpleName() + ", got " + ValueText.shorten(json)));
                }
            }
            values[i] = p.optional() ? Optional.ofNullable(value) : value;
        }
        ExecutableValidator validator = errors.isEmpty() ? constraints() : null;
        if (validator != null) {
            for (ConstraintViolation<Object> v : validator.validateParameters(bean, method, values)) {
                errors.add(toFieldError(v));
            }
        }
        if (!errors.isEmpty()) {
            throw new ArgumentsRejectedException(errors);
        }
        return asCaller ? () -> ToolIdentity.callAs(caller, () -> invoke(values))
                : () -> invoke(values);
    }

    /** Reads the method's constraints now (Bean Validation's metadata of its class) instead of on its first call. */
    @Override
    public void warm() {
        constraints();
    }

    /** Bean Validation's executable validator when the method has constrained parameters, else null. */
    private ExecutableValidator constraints() {
        Optional<ExecutableValidator> read = constraints;
        if (read == null) {
            Validator v = validation.get();
            MethodDescriptor described = v == null ? null
                    : v.getConstraintsForClass(method.getDeclaringClass())
                            .getConstraintsForMethod(method.getName(), method.getParameterTypes());
            read = described != null && described.hasConstrainedParameters() ? Optional.of(v.forExecutables())
                    : Optional.empty();
            constraints = read;
        }
        return read.orElse(null);
    }

    private Object invoke(Object[] values) throws Exception {
        try {
            Object result = invoker != null ? invoker.invoke(bean, values) : handle.invokeExact(values);
            return result instanceof Uni<?> uni ? uni.subscribeAsCompletionStage() : result;
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private FieldError toFieldError(ConstraintViolation<Object> v) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : v.getPropertyPath()) {
            switch (node.getKind()) {
                case PARAMETER -> field.append(parameters.get(node.as(Path.ParameterNode.class).getParameterIndex()).name());
                case PROPERTY, CONTAINER_ELEMENT -> {
                    if (node.isInIterable() && node.getIndex() != null) {
                        field.append('[').append(node.getIndex()).append(']');
                    } else if (node.isInIterable() && node.getKey() != null) {
                        field.append('[').append(node.getKey()).append(']');
                    }
                    if (node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                        field.append('.').append(node.getName());
                    }
                }
                default -> {
                }
            }
        }
        String annotation = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        String rule = Character.toLowerCase(annotation.charAt(0)) + annotation.substring(1);
        return new FieldError(field.toString(), rule, v.getMessage() + ", got " + ValueText.shorten(v.getInvalidValue()));
    }

    Set<String> parameterNames() {
        return Set.copyOf(parameters.stream().map(ParameterSpec::name).toList());
    }
}

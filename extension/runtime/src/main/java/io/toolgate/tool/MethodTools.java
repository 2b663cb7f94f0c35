package io.toolgate.tool;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.invoke.Invoker;
import jakarta.validation.Validator;

/** Turns one {@link Tool} method of an object into a {@link ToolDefinition}: schemas, policy, executor. */
public final class MethodTools {

    private final ObjectMapper mapper;
    private final Supplier<Validator> validation;
    private final SchemaIndex index;
    private SchemaGeneration schemas;
    private int fromIndex;
    private int generated;

    /**
     * @param validator Bean Validation, or null when the application has none (its constraints are then enforced
     *        through the JSON Schema only)
     */
    public MethodTools(ObjectMapper mapper, Validator validator) {
        this(mapper, () -> validator, SchemaIndex.empty());
    }

    /**
     * @param validation Bean Validation, asked on a tool's first call or warm-up, not here ({@link BeanValidation})
     * @param index schemas generated at build time, used where it has the method
     */
    MethodTools(ObjectMapper mapper, Supplier<Validator> validation, SchemaIndex index) {
        this.mapper = mapper;
        this.validation = validation;
        this.index = index;
    }

    int fromIndex() {
        return fromIndex;
    }

    int generated() {
        return generated;
    }

    // Created on first need: with a complete index, the generator is never built.
    private SchemaGeneration schemas() {
        if (schemas == null) {
            schemas = new SchemaGeneration(mapper);
        }
        return schemas;
    }

    // @RolesAllowed is read here and enforced by the pipeline's authorization stage for every door; a method's
    // annotation wins over its class's, as in Jakarta Security.
    private static java.util.Set<String> rolesOf(Method method) {
        RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = method.getDeclaringClass().getAnnotation(RolesAllowed.class);
        }
        return allowed == null ? java.util.Set.of() : java.util.Set.of(allowed.value());
    }

    /** What makes a method a tool: {@link Tool} on an instance method. Discovery and the schema index agree on it. */
    static boolean isToolMethod(Method method) {
        return method.isAnnotationPresent(Tool.class) && !Modifier.isStatic(method.getModifiers());
    }

    public ToolDefinition define(Object instance, Method method) {
        return define(instance, method, null);
    }

    /** @param invoker the method's build-time invoker, or null to call it through a method handle */
    ToolDefinition define(Object instance, Method method, Invoker<Object, Object> invoker) {
        Tool tool = method.getAnnotation(Tool.class);
        if (tool == null) {
            throw new IllegalArgumentException(method + " has no @Tool annotation");
        }
        List<ParameterSpec> parameters = ParameterSpec.allOf(method, mapper);
        MethodToolExecutor executor = new MethodToolExecutor(instance, method, invoker, parameters, mapper,
                validation);
        SchemaIndex.Schemas built = index.find(method).orElse(null);
        if (built == null) {
            built = schemas().schemasOf(method, parameters, mapper);
            generated++;
        } else {
            fromIndex++;
        }
        ToolDefinition described = describe(method, built);
        return new ToolDefinition(described.name(), described.title(), described.description(),
                described.inputSchema(), described.outputSchema(), described.hints(), described.policy(), executor,
                described.origin(), described.tags());
    }

    /** The method's tool without an executor: what the build-time lint reads. */
    static ToolDefinition describe(Method method, SchemaIndex.Schemas built) {
        Tool tool = method.getAnnotation(Tool.class);
        // Unset values (null, 0, -1) are filled from configuration when the registry resolves the policy.
        ToolPolicy policy = new ToolPolicy(tool.timeoutMs() > 0 ? Duration.ofMillis(tool.timeoutMs()) : null,
                tool.maxConcurrency(), tool.maxRetries() >= 0 ? new ToolPolicy.Retry(tool.maxRetries(), null) : null,
                null, rolesOf(method), null,
                tool.deterministic() ? new ToolPolicy.ResultCache(true, null, 0, false) : null);
        return new ToolDefinition(tool.name(), tool.title().isEmpty() ? null : tool.title(), tool.description(),
                built.input(), built.output(),
                new ToolHints(tool.readOnly(), tool.destructive(), tool.idempotent(), tool.openWorld(),
                        tool.taskSupport(), tool.taskWindowMs()), policy,
                null, method.getDeclaringClass().getSimpleName() + "." + method.getName(),
                java.util.Set.of(tool.tags()));
    }
}

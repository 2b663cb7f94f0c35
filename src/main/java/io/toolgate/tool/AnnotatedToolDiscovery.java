package io.toolgate.tool;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.demo.DemoToolset;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.metadata.MethodDescriptor;

/**
 * Finds {@link Tool} methods on CDI beans and turns each into a {@link ToolDefinition}. Runs once, when the registry
 * is created; application beans are kept even when nothing injects them ({@code quarkus.arc.remove-unused-beans=fwk}).
 */
@ApplicationScoped
public class AnnotatedToolDiscovery {

    @Inject
    BeanManager beanManager;
    @Inject
    ObjectMapper mapper;
    @Inject
    Validator validator;
    @Inject
    ToolgateConfig config;

    List<ToolDefinition> discover() {
        SchemaGeneration schemas = new SchemaGeneration(mapper);
        List<ToolDefinition> tools = new ArrayList<>();
        for (Bean<?> bean : beanManager.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            if (!(bean instanceof InjectableBean<?> injectable) || type.getName().startsWith("io.quarkus.")
                    || (type.isAnnotationPresent(DemoToolset.class) && !config.demo().enabled())) {
                continue;
            }
            List<Method> methods = Arrays.stream(type.getMethods())
                    .filter(m -> m.isAnnotationPresent(Tool.class) && !Modifier.isStatic(m.getModifiers()))
                    .sorted(Comparator.comparing(Method::getName))
                    .toList();
            if (methods.isEmpty()) {
                continue;
            }
            Object instance = Arc.container().instance(injectable).get();
            for (Method method : methods) {
                tools.add(define(instance, method, schemas));
            }
        }
        return tools;
    }

    private ToolDefinition define(Object instance, Method method, SchemaGeneration schemas) {
        Tool tool = method.getAnnotation(Tool.class);
        List<ParameterSpec> parameters = Arrays.stream(method.getParameters())
                .map(p -> ParameterSpec.of(p, mapper))
                .toList();
        MethodDescriptor constraints = validator.getConstraintsForClass(method.getDeclaringClass())
                .getConstraintsForMethod(method.getName(), method.getParameterTypes());
        boolean constrained = constraints != null && constraints.hasConstrainedParameters();
        MethodToolExecutor executor = new MethodToolExecutor(instance, method, parameters, mapper,
                constrained ? validator.forExecutables() : null);
        // Unset values (null, 0, -1) are filled from configuration when the registry resolves the policy.
        ToolPolicy policy = new ToolPolicy(tool.timeoutMs() > 0 ? Duration.ofMillis(tool.timeoutMs()) : null,
                tool.maxConcurrency(), tool.maxRetries() >= 0 ? new ToolPolicy.Retry(tool.maxRetries(), null) : null,
                null);
        return new ToolDefinition(tool.name(), tool.title().isEmpty() ? null : tool.title(), tool.description(),
                schemas.inputSchema(parameters, mapper), schemas.outputSchema(method),
                new ToolHints(tool.readOnly(), tool.destructive(), tool.idempotent(), tool.openWorld()), policy,
                executor, method.getDeclaringClass().getSimpleName() + "." + method.getName());
    }
}

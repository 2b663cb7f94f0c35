package io.toolgate.tool;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.arc.InjectableBean;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.validation.Validator;

/**
 * Defines a tool for each {@link Tool} method of the beans the build found ({@link ToolBeansRecorder}); the deployment
 * module also keeps those beans when nothing injects them. Runs once, when the registry is created.
 */
@ApplicationScoped
public class AnnotatedToolDiscovery {

    private static final Logger LOG = Logger.getLogger(AnnotatedToolDiscovery.class);

    @Inject
    BeanManager beanManager;
    @Inject
    ObjectMapper mapper;
    // Present when the application has quarkus-hibernate-validator; without it, a plain provider's or none
    // (BeanValidation).
    @Inject
    InjectableInstance<Validator> validator;
    @Inject
    Instance<ToolBeanFilter> filters;

    List<ToolDefinition> discover() {
        // Only a packaged application trusts the build-time index (see SchemaIndex): its classes cannot have
        // changed since the index was written.
        SchemaIndex index = LaunchMode.current() == LaunchMode.NORMAL
                ? SchemaIndex.load(mapper, Thread.currentThread().getContextClassLoader())
                : SchemaIndex.empty();
        MethodTools methodTools = new MethodTools(mapper, BeanValidation.of(validator.isResolvable() ? validator::get
                : null, Thread.currentThread().getContextClassLoader()), index);
        List<ToolDefinition> tools = new ArrayList<>();
        Set<String> found = ToolBeansRecorder.toolClasses();
        for (Bean<?> bean : beanManager.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            if (!(bean instanceof InjectableBean<?> injectable) || (found != null && !found.contains(type.getName()))
                    || type.getName().startsWith("io.quarkus.") || !served(type)) {
                continue;
            }
            List<Method> methods = Arrays.stream(type.getMethods())
                    .filter(MethodTools::isToolMethod)
                    .sorted(Comparator.comparing(Method::getName))
                    .toList();
            if (methods.isEmpty()) {
                continue;
            }
            Object instance = Arc.container().instance(injectable).get();
            for (Method method : methods) {
                tools.add(methodTools.define(instance, method, ToolBeansRecorder.invoker(type, method)));
            }
        }
        LOG.debugf("Tool schemas: %d from the build-time index, %d generated", methodTools.fromIndex(),
                methodTools.generated());
        return tools;
    }

    private boolean served(Class<?> type) {
        for (ToolBeanFilter filter : filters) {
            if (!filter.serves(type)) {
                return false;
            }
        }
        return true;
    }
}

package io.toolgate.tool;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import jakarta.enterprise.invoke.Invoker;

/**
 * Hands the run time what the build found: the classes that declare {@link Tool} methods (found in the Jandex index
 * by the deployment module), so that start-up looks at those beans only instead of reflecting over every bean, and
 * the invoker ArC generated for each tool method.
 */
@Recorder
public class ToolBeansRecorder {

    private static volatile Set<String> toolClasses;
    private static final Map<String, Invoker<Object, Object>> INVOKERS = new ConcurrentHashMap<>();

    public void toolClasses(List<String> classNames) {
        toolClasses = Set.copyOf(classNames);
    }

    public void invoker(String key, RuntimeValue<Invoker<Object, Object>> invoker) {
        INVOKERS.put(key, invoker.getValue());
    }

    /** Null when no build step ran (the pipeline embedded without Quarkus, as the benchmarks do). */
    static Set<String> toolClasses() {
        return toolClasses;
    }

    /** The generated invoker of this bean's tool method; null when none was generated (no build step ran). */
    public static Invoker<Object, Object> invoker(Class<?> beanClass, Method method) {
        return INVOKERS.get(key(beanClass.getName(), method.getName(),
                Arrays.stream(method.getParameterTypes()).map(Class::getName).toList()));
    }

    /** How the build and the run time name one tool method of one bean class (binary names, as Class.getName()). */
    public static String key(String beanClass, String method, List<String> parameterTypes) {
        return beanClass + "#" + method + "(" + String.join(",", parameterTypes) + ")";
    }
}

package io.toolgate.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.toolgate.mcp.McpDispatcher;
import jakarta.enterprise.invoke.Invoker;

/**
 * Hands the run time what the build found: the classes that declare {@link Tool} methods (found in the Jandex index
 * by the deployment module), so that start-up looks at those beans only instead of reflecting over every bean, and
 * the invoker ArC generated for each tool method. Also starts what start-up can do on the second core: loading
 * Jackson during static initialisation, building the tool registry during run-time initialisation.
 */
@Recorder
public class ToolBeansRecorder {

    private static final Logger LOG = Logger.getLogger(ToolBeansRecorder.class);

    private static volatile Set<String> toolClasses;
    private static final Map<String, Invoker<Object, Object>> INVOKERS = new ConcurrentHashMap<>();

    public void toolClasses(List<String> classNames) {
        toolClasses = Set.copyOf(classNames);
    }

    /**
     * Loads Jackson on a thread of its own while the main thread goes through static initialisation (configuration,
     * the CDI container), so that the application's {@code ObjectMapper}, which the tool registry makes first thing
     * at run time, finds its classes loaded and initialised. On the plain JVM loading them took about a tenth of a
     * second on the path to the first answer, while the second core had room (docs/benchmarks.md). A throwaway
     * mapper with the Java time and Optional modules: nothing of it is kept.
     */
    public void loadJsonBesideStaticInit() {
        if (ImageMode.current() == ImageMode.NATIVE_BUILD) {
            return; // static initialisation runs in the image build, where Jackson ends up initialised anyway
        }
        beside("toolgate-json-loader", () -> {
            try {
                ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                        .registerModule(new Jdk8Module());
                mapper.writeValueAsString(mapper.readTree("{\"a\":[1,2.5,\"b\",true,null,{}]}"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public void invoker(String key, RuntimeValue<Invoker<Object, Object>> invoker) {
        INVOKERS.put(key, invoker.getValue());
    }

    /**
     * Builds the tool registry, and the MCP dispatcher over it when the MCP door is in, on a thread of its own while
     * the main thread goes on starting the server (the router, the socket, other extensions). Built on the main
     * thread, they held it for a quarter of a second on the plain JVM (the application's {@code ObjectMapper}, the
     * build-time schema index, the tools defined) while the second core mostly waited; the first user (a start-up
     * observer, the first request) now finds them made or waits only for the rest. Runs once synthetic beans are
     * initialised (the validator factory, the datasource), which the registry's beans may use.
     */
    public void buildBesideStartUp() {
        beside("toolgate-registry-builder", () -> {
            InstanceHandle<McpDispatcher> mcp = Arc.container().instance(McpDispatcher.class);
            if (mcp.isAvailable()) {
                mcp.get(); // and the registry with it
            } else {
                Arc.container().instance(ToolRegistry.class).get();
            }
        });
    }

    /**
     * Runs start-up work on a daemon thread of its own (here and in {@code DatabaseRecorder}). A failure there is only
     * logged at debug level: the work is a head start, and whoever needs its result next does it again and meets the
     * same exception where it counts.
     */
    public static void beside(String name, Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.debugf(e, "%s failed; the first user does its work", name);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
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

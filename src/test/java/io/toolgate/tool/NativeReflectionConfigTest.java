package io.toolgate.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * native/reflection-config.json must list every class the annotated tools reach by reflection: the tool classes
 * (their methods are found with getMethods() and called through method handles) and every record and enum their
 * parameters and results are made of (victools reads them to build schemas, Jackson binds and writes them). No
 * native image can be built on this machine; this keeps the file from falling behind the code, which it had.
 */
@QuarkusTest
class NativeReflectionConfigTest {

    @Inject
    ToolRegistry registry;

    @Test
    void everyClassTheAnnotatedToolsReflectOnIsListedWithTheAccessItNeeds() throws Exception {
        Map<String, JsonNode> listed = new HashMap<>();
        for (JsonNode entry : new ObjectMapper().readTree(Files.readString(Path.of("native/reflection-config.json")))) {
            listed.put(entry.path("name").asText(), entry);
        }
        Set<Class<?>> toolClasses = new LinkedHashSet<>();
        Set<Class<?>> dataTypes = new LinkedHashSet<>();
        for (RegisteredTool tool : registry.all()) {
            if (tool.definition().executor() instanceof MethodToolExecutor executor
                    && !testOnly(executor.method().getDeclaringClass())) {
                Method method = executor.method();
                toolClasses.add(method.getDeclaringClass());
                for (Parameter p : method.getParameters()) {
                    collect(p.getParameterizedType(), dataTypes);
                }
                collect(method.getGenericReturnType(), dataTypes);
            }
        }
        assertThat(toolClasses).as("annotated tool classes found").isNotEmpty();

        List<String> problems = new ArrayList<>();
        for (Class<?> c : toolClasses) {
            JsonNode e = listed.get(c.getName());
            if (e == null || !e.path("allPublicMethods").asBoolean() || !e.path("queryAllPublicMethods").asBoolean()) {
                problems.add(c.getName() + " (tool class): needs allPublicMethods and queryAllPublicMethods");
            }
        }
        for (Class<?> c : dataTypes) {
            JsonNode e = listed.get(c.getName());
            boolean ok = e != null && e.path("allDeclaredFields").asBoolean() && e.path("allPublicMethods").asBoolean()
                    && (c.isEnum() || e.path("allDeclaredConstructors").asBoolean());
            if (!ok) {
                problems.add(c.getName() + (c.isEnum() ? " (enum): needs allDeclaredFields and allPublicMethods"
                        : " (record): needs allDeclaredFields, allDeclaredConstructors and allPublicMethods"));
            }
        }
        assertThat(new TreeSet<>(problems)).as("missing from native/reflection-config.json").isEmpty();
    }

    @Test
    void everyResourceTheServerLoadsIsIncludedInTheNativeImage() throws Exception {
        List<String> patterns = new ArrayList<>();
        for (JsonNode include : new ObjectMapper().readTree(Files.readString(Path.of("native/resources-config.json")))
                .path("resources").path("includes")) {
            patterns.add(include.path("pattern").asText());
        }
        Path root = Path.of("src/main/resources");
        List<String> missing;
        try (var files = Files.walk(root)) {
            missing = files.filter(Files::isRegularFile)
                    .map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .filter(name -> !name.equals("application.properties")) // Quarkus includes it itself
                    .filter(name -> patterns.stream().noneMatch(name::matches))
                    .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        }
        // Written into the classes at build time, not kept in src/main/resources.
        if (patterns.stream().noneMatch(SchemaIndex.RESOURCE::matches)) {
            missing.add(SchemaIndex.RESOURCE);
        }
        assertThat(missing).as("resources not matched by native/resources-config.json").isEmpty();
    }

    /** Test tools (registered by the test profile) never reach a native build. */
    private static boolean testOnly(Class<?> c) {
        return Files.exists(Path.of("target/test-classes", c.getName().replace('.', '/') + ".class"));
    }

    /** The project's own classes a generic type is made of, records followed through their components. */
    private static void collect(Type type, Set<Class<?>> found) {
        if (type instanceof ParameterizedType pt) {
            collect(pt.getRawType(), found);
            for (Type argument : pt.getActualTypeArguments()) {
                collect(argument, found);
            }
        } else if (type instanceof Class<?> c) {
            if (c.isArray()) {
                collect(c.getComponentType(), found);
            } else if (c.getName().startsWith("io.toolgate.") && !testOnly(c)
                    && !c.getName().startsWith("io.toolgate.security.Caller") && found.add(c) && c.isRecord()) {
                for (RecordComponent component : c.getRecordComponents()) {
                    collect(component.getGenericType(), found);
                }
            }
        }
    }
}

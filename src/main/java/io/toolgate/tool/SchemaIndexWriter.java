package io.toolgate.tool;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes the {@link SchemaIndex} at build time: every {@link Tool} method of the compiled classes, with the schemas
 * {@link SchemaGeneration} gives it. Run by the exec-maven-plugin at process-classes:
 * {@code SchemaIndexWriter <classes dir> <index file>}. Classes are only loaded, not initialised.
 */
public final class SchemaIndexWriter {

    private SchemaIndexWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: SchemaIndexWriter <classes dir> <index file>");
        }
        Path classes = Path.of(args[0]);
        Path index = Path.of(args[1]);
        ObjectMapper mapper = mapper();
        ObjectNode root = write(classes, mapper, Thread.currentThread().getContextClassLoader());
        Files.createDirectories(index.getParent());
        Files.write(index, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        System.out.println("[toolgate] schema index: " + root.size() + " tool methods -> " + index);
    }

    /** Configured as Quarkus configures its ObjectMapper where schemas depend on it (its modules). */
    static ObjectMapper mapper() {
        return new ObjectMapper().findAndRegisterModules();
    }

    static ObjectNode write(Path classes, ObjectMapper mapper, ClassLoader loader) throws IOException {
        SchemaGeneration schemas = new SchemaGeneration(mapper);
        ObjectNode root = mapper.createObjectNode();
        for (Method method : toolMethods(classes, loader)) {
            SchemaIndex.Schemas built = schemas.schemasOf(method, ParameterSpec.allOf(method, mapper), mapper);
            ObjectNode entry = root.putObject(SchemaIndex.key(method));
            entry.set("input", built.input());
            entry.set("output", built.output());
        }
        return root;
    }

    private static List<Method> toolMethods(Path classes, ClassLoader loader) throws IOException {
        List<Method> methods = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                if (name.endsWith("module-info") || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> type;
                try {
                    type = Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    continue; // a class that cannot be loaded here declares no tool the server could load either
                }
                Arrays.stream(type.getDeclaredMethods())
                        .filter(MethodTools::isToolMethod)
                        .sorted(Comparator.comparing(Method::toGenericString))
                        .forEach(methods::add);
            }
        }
        return methods;
    }
}

package io.toolgate.tool;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the deployment module's build steps compute from the application's {@link Tool} methods while the application
 * is built: the {@link SchemaIndex} a packaged server reads instead of generating schemas at start-up, each schema
 * checked against the JSON Schema 2020-12 meta-schema, and the schema lint's findings. Classes are only loaded, never
 * initialised, and no bean is created.
 */
public final class BuildTimeTools {

    // Configured as Quarkus configures its ObjectMapper where schemas depend on it (its modules).
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final SchemaGeneration schemas = new SchemaGeneration(mapper);
    // The index and the lint read the same schemas: each method's are generated once per build.
    private final Map<Method, SchemaIndex.Schemas> built = new HashMap<>();

    public static String schemaIndexResource() {
        return SchemaIndex.RESOURCE;
    }

    public static boolean isToolMethod(Method method) {
        return MethodTools.isToolMethod(method);
    }

    /** The schema index of these methods, keyed as {@link SchemaIndex#key(Method)} reads it, as JSON. */
    public byte[] schemaIndex(List<Method> methods) throws JsonProcessingException {
        ObjectNode root = mapper.createObjectNode();
        for (Method method : methods) {
            SchemaIndex.Schemas built = schemasOf(method);
            requireValid(method, "input", built.input());
            requireValid(method, "output", built.output());
            ObjectNode entry = root.putObject(SchemaIndex.key(method));
            entry.set("input", built.input());
            entry.set("output", built.output());
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /** The lint's findings for these methods, in the words the start-up log and {@code GET /tools/lint} use. */
    public List<String> lint(List<Method> methods) {
        ToolLinter linter = new ToolLinter();
        List<String> problems = new ArrayList<>();
        for (Method method : methods) {
            ToolDefinition definition = MethodTools.describe(method, schemasOf(method));
            for (String problem : linter.lint(definition)) {
                problems.add(ToolLinter.finding(definition, problem));
            }
        }
        return problems;
    }

    // The start-up trusts these schemas (ArgumentSchema#generated): the build is where they are checked.
    private static void requireValid(Method method, String which, ObjectNode schema) {
        if (schema == null) {
            return;
        }
        List<String> problems = ArgumentSchema.metaSchemaViolations(schema);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The " + which + " schema generated for " + method
                    + " is not valid JSON Schema 2020-12: " + problems);
        }
    }

    private SchemaIndex.Schemas schemasOf(Method method) {
        return built.computeIfAbsent(method, schemas::schemasOf);
    }
}

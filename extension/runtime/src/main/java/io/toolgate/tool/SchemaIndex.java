package io.toolgate.tool;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The input and output schemas of the application's {@link Tool} methods, generated when the application is built
 * ({@link SchemaIndexWriter}, run by Maven at process-classes) so that a packaged server does not run the schema
 * generator for every tool at start-up (about 8 % of a plain-JVM start, measured). Generating is the fallback for any
 * method the index lacks. The index is only trusted where it cannot be stale: in a packaged application, whose
 * classes and index come from one build; dev and test modes generate, so a recompiled class is described as it is.
 */
public final class SchemaIndex {

    public static final String RESOURCE = "META-INF/toolgate/tool-schemas.json";
    private static final Logger LOG = Logger.getLogger(SchemaIndex.class);
    private static final SchemaIndex EMPTY = new SchemaIndex(Map.of());

    /** @param output null where the method's result has no object schema */
    public record Schemas(ObjectNode input, ObjectNode output) {
    }

    private final Map<String, Schemas> entries;

    private SchemaIndex(Map<String, Schemas> entries) {
        this.entries = entries;
    }

    static SchemaIndex empty() {
        return EMPTY;
    }

    /** The index on the class path, or an empty one when there is none or it cannot be read. */
    public static SchemaIndex load(ObjectMapper mapper, ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return EMPTY;
            }
            Map<String, Schemas> entries = new HashMap<>();
            // Decimals stay exact, as the generator writes them: a multipleOf of 0.01 must not become a double.
            JsonNode root = mapper.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true)).readTree(in);
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode output = e.getValue().get("output");
                entries.put(e.getKey(), new Schemas((ObjectNode) e.getValue().get("input"),
                        output == null || output.isNull() ? null : (ObjectNode) output));
            }
            return new SchemaIndex(entries);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("The build-time tool schema index %s is unreadable (%s); schemas are generated at start-up",
                    RESOURCE, e.getMessage());
            return EMPTY;
        }
    }

    /** Copies, since the registry may adjust a schema it is given. */
    public Optional<Schemas> find(Method method) {
        Schemas s = entries.get(key(method));
        return s == null ? Optional.empty()
                : Optional.of(new Schemas(s.input().deepCopy(), s.output() == null ? null : s.output().deepCopy()));
    }

    public int size() {
        return entries.size();
    }

    /**
     * The whole generic signature: a changed parameter, type argument or result type is another key. The leading
     * class name lets a reader of the file find the class without parsing the signature.
     */
    public static String key(Method method) {
        return method.getDeclaringClass().getName() + " " + method.toGenericString();
    }
}

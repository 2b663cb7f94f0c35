package io.toolgate.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The build-time schema index (written by the extension's build step with a plain ObjectMapper) must hold exactly what
 * this server generates with Quarkus' ObjectMapper, for every annotated tool; tests run in test mode, where the
 * registry generates, so its schemas are a second reference.
 */
@QuarkusTest
class SchemaIndexTest {

    @Inject
    ObjectMapper mapper;
    @Inject
    ToolRegistry registry;

    @Test
    void theIndexHoldsWhatTheServerGeneratesForEveryAnnotatedTool() throws Exception {
        JsonNode root = mapper.readTree(getClass().getClassLoader().getResourceAsStream(SchemaIndex.RESOURCE));
        SchemaIndex index = SchemaIndex.load(mapper, getClass().getClassLoader());
        assertThat(index.size()).isEqualTo(root.size()).isGreaterThanOrEqualTo(15);
        SchemaGeneration generation = new SchemaGeneration(mapper);
        int compared = 0;
        int registered = 0;
        for (var it = root.fieldNames(); it.hasNext();) {
            String key = it.next();
            Class<?> type = Class.forName(key.substring(0, key.indexOf(' ')));
            Method method = Arrays.stream(type.getDeclaredMethods()).filter(m -> SchemaIndex.key(m).equals(key))
                    .findFirst().orElseThrow(() -> new AssertionError("no method for index key " + key));
            SchemaIndex.Schemas indexed = index.find(method).orElseThrow();
            SchemaIndex.Schemas generated = generation.schemasOf(method);
            // As JSON text: a number read back from the file may be another node class (IntNode for LongNode).
            assertThat(text(indexed.input())).as("input schema of %s", key).isEqualTo(text(generated.input()));
            assertThat(text(indexed.output())).as("output schema of %s", key).isEqualTo(text(generated.output()));
            // Tools registered here (the benchmark toolset is not) are served with the same schemas.
            var served = registry.find(method.getAnnotation(Tool.class).name());
            if (served.isPresent()) {
                assertThat(text(indexed.input())).isEqualTo(text(served.get().definition().inputSchema()));
                assertThat(text(indexed.output())).isEqualTo(text(served.get().definition().outputSchema()));
                registered++;
            }
            compared++;
        }
        assertThat(compared).isEqualTo(root.size());
        assertThat(registered).isGreaterThanOrEqualTo(10);
    }

    private static String text(JsonNode node) {
        return node == null ? "null" : node.toString();
    }

    @Test
    void aMethodTheIndexLacksIsGenerated() throws Exception {
        Method method = SchemaIndexTest.class.getDeclaredMethod("aMethodTheIndexLacksIsGenerated");
        assertThat(SchemaIndex.load(mapper, getClass().getClassLoader()).find(method)).isEmpty();
        assertThat(SchemaIndex.load(mapper, new ClassLoader(null) {
        }).size()).isZero();
    }
}

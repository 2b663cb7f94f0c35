package io.toolgate.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.invoke.FieldError;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Min;

/**
 * The server has Hibernate Validator as a plain library (server/pom.xml): a tool's Bean Validation is made on its
 * first call or warm-up, not when the tool is defined at start-up, and then kept.
 */
class LazyBeanValidationTest {

    public static class CountingTools {
        @Tool(name = "count_up", description = "Counts up from a positive number.", nonBlocking = true)
        public int countUp(@ToolParam(description = "Where to start, at least 1") @Min(1) int from) {
            return from + 1;
        }

        @Tool(name = "echo_word", description = "Answers the word it is given.", nonBlocking = true)
        public String echoWord(@ToolParam(description = "Any word") String word) {
            return word;
        }
    }

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void theProviderOnTheClassPathIsBuiltOnceOnFirstUse() {
        BeanValidation validation = BeanValidation.of(null, getClass().getClassLoader());
        Validator validator = validation.get();
        assertThat(validator).isNotNull();
        assertThat(validation.get()).isSameAs(validator);
    }

    @Test
    void definingAToolAsksNothingOfBeanValidationItsFirstCallDoes() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        BeanValidation real = BeanValidation.of(null, getClass().getClassLoader());
        Supplier<Validator> counting = () -> {
            asked.incrementAndGet();
            return real.get();
        };
        MethodTools tools = new MethodTools(mapper, counting, SchemaIndex.empty());
        ToolDefinition countUp = tools.define(new CountingTools(), CountingTools.class.getMethod("countUp", int.class));
        assertThat(asked).hasValue(0);

        assertThat(countUp.executor().prepare(arguments("from", 2), null).call()).isEqualTo(3);
        assertThat(asked).hasValue(1);
        assertThatThrownBy(() -> countUp.executor().prepare(arguments("from", 0), null))
                .isInstanceOfSatisfying(ArgumentsRejectedException.class, e -> assertThat(e.violations())
                        .extracting(FieldError::field, FieldError::rule).containsExactly(
                                org.assertj.core.groups.Tuple.tuple("from", "min")));
        assertThat(asked).hasValue(1);
    }

    @Test
    void warmingReadsTheConstraintsAheadOfTheFirstCall() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        BeanValidation real = BeanValidation.of(null, getClass().getClassLoader());
        MethodTools tools = new MethodTools(mapper, () -> {
            asked.incrementAndGet();
            return real.get();
        }, SchemaIndex.empty());
        ToolDefinition echo = tools.define(new CountingTools(),
                CountingTools.class.getMethod("echoWord", String.class));
        echo.executor().warm();
        assertThat(asked).hasValue(1);
        assertThat(echo.executor().prepare(arguments("word", "hi"), null).call()).isEqualTo("hi");
        assertThat(asked).hasValue(1);
    }

    private ObjectNode arguments(String name, Object value) {
        return mapper.valueToTree(java.util.Map.of(name, value));
    }
}

package io.toolgate.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** CEL conditions over JSON: numbers of both kinds, nulls, missing fields, and what compiling refuses. */
class ConditionsTest {

    private final ObjectMapper json = new ObjectMapper();

    private boolean eval(String expr, String context) throws Exception {
        JsonNode ctx = json.readTree(context);
        return Conditions.evaluate(Conditions.compile(expr), ctx);
    }

    @Test
    void numbersCompareAcrossIntAndDouble() throws Exception {
        String ctx = "{\"input\":{\"n\":2},\"steps\":{\"p\":{\"result\":{\"total\":1939.78,\"zero\":0.00}}}}";
        assertThat(eval("steps.p.result.total > 0", ctx)).isTrue();
        assertThat(eval("steps.p.result.zero > 0", ctx)).isFalse();
        assertThat(eval("input.n == 2", ctx)).isTrue();
        assertThat(eval("input.n > 1.5", ctx)).isTrue();
        assertThat(eval("has(input.missing)", ctx)).isFalse();
        assertThat(eval("input.n == 2 && steps.p.result.total < 5000.0", ctx)).isTrue();
    }

    @Test
    void nullsAndStrings() throws Exception {
        String ctx = "{\"input\":{\"x\":null,\"s\":\"gold\",\"list\":[1,2,3]}}";
        assertThat(eval("input.x == null", ctx)).isTrue();
        assertThat(eval("input.s == 'gold'", ctx)).isTrue();
        assertThat(eval("input.list.exists(v, v > 2)", ctx)).isTrue();
        assertThat(eval("size(input.list) == 3", ctx)).isTrue();
    }

    @Test
    void compileRefusesSyntaxErrorsAndUnknownVariables() {
        assertThatThrownBy(() -> Conditions.compile("steps.a.result.total >")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Conditions.compile("secrets.key == 1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secrets");
        assertThatThrownBy(() -> Conditions.compile("'text'")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingFieldIsAnEvaluationError() {
        assertThatThrownBy(() -> eval("input.nothing > 1", "{\"input\":{}}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

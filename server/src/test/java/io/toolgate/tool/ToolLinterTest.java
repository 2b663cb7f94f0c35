package io.toolgate.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ToolLinterTest {

    private final ToolLinter linter = new ToolLinter();
    private final ObjectMapper mapper = new ObjectMapper();

    private ToolDefinition tool(String name, String description, String parameterDescription) {
        ObjectNode schema = mapper.createObjectNode().put("type", "object");
        schema.putObject("properties").putObject("city").put("type", "string")
                .put("description", parameterDescription);
        return new ToolDefinition(name, null, description, schema, null, new ToolHints(true, false, true, false),
                new ToolPolicy(Duration.ofSeconds(1), 1), null, "test");
    }

    @Test
    void aWellDescribedSnakeCaseToolPasses() {
        assertThat(linter.lint(tool("get_weather", "Current weather for a city, in the unit asked for.",
                "City name, for example Berlin or Paris"))).isEmpty();
    }

    @Test
    void namesMustBeSnakeCaseOfTheRightLength() {
        for (String bad : List.of("GetWeather", "get-weather", "1weather", "ab", "x".repeat(65), "get weather")) {
            assertThat(linter.lint(tool(bad, "Current weather for a city, in the unit asked for.",
                    "City name, for example Berlin or Paris")))
                    .as(bad).anySatisfy(p -> assertThat(p).contains("snake_case"));
        }
    }

    @Test
    void vagueNamesAreFlagged() {
        for (String vague : List.of("func1", "do_thing", "process", "handle", "run", "tool_2")) {
            assertThat(linter.lint(tool(vague, "Current weather for a city, in the unit asked for.",
                    "City name, for example Berlin or Paris")))
                    .as(vague).anySatisfy(p -> assertThat(p).contains("vague"));
        }
    }

    @Test
    void shortDescriptionsOfToolAndParameterAreFlagged() {
        List<String> problems = linter.lint(tool("get_weather", "Weather.", "City"));
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("description must be at least 20 characters");
        assertThat(problems.get(1)).contains("parameter 'city'").contains("at least 20 characters");
    }

    @Test
    void strictModeRefusesToStartWithProblemsAndOnlyThen() {
        List<String> problems = List.of("tool 'do_thing' (test): name 'do_thing' is vague");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LintGate.enforce(problems, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("do_thing").hasMessageContaining("toolgate.lint.strict=false");
        LintGate.enforce(problems, false);
        LintGate.enforce(List.of(), true);
    }
}

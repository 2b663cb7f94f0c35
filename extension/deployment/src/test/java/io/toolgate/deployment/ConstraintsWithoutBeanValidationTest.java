package io.toolgate.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;
import io.toolgate.tool.Tool;
import io.toolgate.tool.ToolParam;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * This module's tests run without quarkus-hibernate-validator: the standard constraints are enforced through the JSON
 * Schema they are written into, as Bean Validation means them (a whole-value pattern, a value that is not blank).
 */
class ConstraintsWithoutBeanValidationTest {

    @ApplicationScoped
    public static class LabelTools {

        public record Label(@NotBlank @Pattern(regexp = "[a-z]+") String text, @Positive int size) {
        }

        @Tool(name = "make_label", description = "Makes a label from a lowercase code and a note.")
        public String makeLabel(
                @ToolParam(description = "Lowercase letters only") @Pattern(regexp = "[a-z]+") String code,
                @ToolParam(description = "Any text but blank") @NotBlank String note,
                @ToolParam(description = "More labels, each a lowercase word and a positive size") List<Label> more) {
            return code + ":" + note + ":" + more.size();
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(LabelTools.class, LabelTools.Label.class))
            .overrideConfigKey("toolgate.audit.file", "target/constraints-without-bv/audit.jsonl")
            .overrideConfigKey("quarkus.devservices.enabled", "false");

    @Test
    void validArgumentsPass() {
        call("abc", "a note", "word", 2).then().statusCode(200).body("result", equalTo("abc:a note:1"));
    }

    @Test
    void aPatternMatchesTheWholeValueUpToItsLastCharacter() {
        refused(call("abc1", "a note", "word", 2), "code", "pattern");
        refused(call("abc\n", "a note", "word", 2), "code", "pattern");
        refused(call("abc", "a note", "wo rd", 2), "more[0].text", "pattern");
    }

    @Test
    void blankIsRefusedAsBeanValidationRefusesIt() {
        refused(call("abc", " \t ", "word", 2), "note", "pattern");
        refused(call("abc", "", "word", 2), "note", "minLength");
    }

    @Test
    void aFieldConstraintOfARecordIsEnforced() {
        refused(call("abc", "a note", "word", 0), "more[0].size", "exclusiveMinimum");
    }

    private static io.restassured.response.Response call(String code, String note, String text, int size) {
        String body = "{\"code\":" + json(code) + ",\"note\":" + json(note) + ",\"more\":[{\"text\":" + json(text)
                + ",\"size\":" + size + "}]}";
        return given().contentType(ContentType.JSON).body(body).post("/tools/make_label/invoke");
    }

    private static void refused(io.restassured.response.Response response, String field, String rule) {
        response.then().statusCode(422)
                .body("error.code", equalTo("VALIDATION_ERROR"))
                .body("error.details.find { it.field == '" + field + "' }.rule", equalTo(rule));
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\"", "\\\"") + "\"";
    }
}

package io.toolgate.discovery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.toolgate.invoke.FieldError;
import io.toolgate.tool.ArgumentSchema;

/**
 * The provider formats against what the providers publish (test resources {@code providers/}, with their sources):
 * every listing checked against the provider's own JSON Schema where it publishes one (OpenAI's openapi spec, Gemini's
 * proto as JSON Schema) or its documented shape (Bedrock's Smithy model); every recorded tool-call payload read by
 * the batch bridge and answered in the provider's result shape, paired by the provider's ids.
 */
@QuarkusTest
class ProviderFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode TAX = JSON.createObjectNode().put("amount", 100).put("state", "NY");

    @Test
    void responsesListingsAreFunctionToolsOfOpenAisSpecStrictOrNot() throws Exception {
        ArgumentSchema functionTool = definition("openai-responses/function-tool.schema.json", "FunctionTool");
        // The schema can fail: the recorded request's tool passes, a Chat Completions tool does not.
        assertThat(functionTool.validate(fixture("openai-responses/tools-request.json").path("tools").get(0)))
                .isEmpty();
        assertThat(functionTool.validate(get("/tools?format=openai").get(0))).isNotEmpty();
        for (String path : new String[] { "/tools?format=openai-responses", "/tools?format=openai-responses&strict=true" }) {
            for (JsonNode tool : get(path)) {
                List<FieldError> wrong = functionTool.validate(tool);
                assertThat(wrong).as(path + " " + tool.path("name").asText()).isEmpty();
            }
        }
        assertThat(get("/tools?format=openai-responses").get(0).path("strict").asBoolean()).isFalse();
    }

    @Test
    void strictModeClosesEveryObjectAndMakesOptionalArgumentsNullable() throws Exception {
        JsonNode tool = find(get("/tools?format=openai&strict=true"), "search_products").path("function");
        assertThat(tool.path("strict").asBoolean()).isTrue();
        JsonNode schema = tool.path("parameters");
        JsonNode original = JSON.readTree(given().get("/tools/search_products").then().extract().asString());
        List<String> properties = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        assertThat(required).containsExactlyInAnyOrderElementsOf(properties);
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        for (String p : properties) {
            boolean wasRequired = original.path("inputSchema").path("required").toString().contains("\"" + p + "\"");
            String type = schema.path("properties").path(p).toString();
            assertThat(type.contains("\"null\"")).as(p + ": " + type).isEqualTo(!wasRequired);
        }
        // What strict mode cannot say is in the description, and noted.
        assertThat(schema.path("properties").path("query").path("description").asText()).contains("maxLength: 200");
        assertThat(original.path("format_notes").path("openai_strict").toString()).contains("query: ",
                "moved into the description");
        given().get("/tools?format=anthropic&strict=true").then().statusCode(400);
    }

    @Test
    void geminiListingsAreToolsOfItsSchema() throws Exception {
        ArgumentSchema tool = definition("gemini/schema.schema.json", "Tool");
        assertThat(tool.validate(fixture("gemini/tools-request.json").path("tools").get(0))).isEmpty();
        JsonNode listing = get("/tools?format=gemini");
        assertThat(listing.size()).isEqualTo(1);
        assertThat(tool.validate(listing.get(0))).isEmpty();
        JsonNode declaration = find(listing.get(0).path("functionDeclarations"), "search_products");
        assertThat(declaration.path("parameters").path("type").asText()).isEqualTo("OBJECT");
        assertThat(declaration.path("parameters").has("additionalProperties")).isFalse();
        // A schema Gemini would refuse fails the check: the check is not vacuous.
        ObjectNode wrong = listing.get(0).deepCopy();
        ((ObjectNode) find(wrong.path("functionDeclarations"), "search_products").path("parameters"))
                .put("additionalProperties", false);
        assertThat(tool.validate(wrong)).isNotEmpty();
    }

    @Test
    void bedrockListingsAreAToolConfigurationOfToolSpecs() throws Exception {
        JsonNode config = get("/tools?format=bedrock");
        JsonNode recorded = fixture("bedrock/converse-tool-config.json").path("toolConfig");
        assertThat(config.path("tools").size()).isPositive();
        for (JsonNode spec : config.path("tools")) {
            // The shape of the recorded configuration, and the Smithy model's rules: name [a-zA-Z0-9_-]{1,64}, an
            // object schema under inputSchema.json.
            assertThat(fieldNames(spec)).isEqualTo(fieldNames(recorded.path("tools").get(0)));
            assertThat(spec.path("toolSpec").path("name").asText()).matches("[a-zA-Z0-9_-]{1,64}");
            assertThat(spec.path("toolSpec").path("inputSchema").path("json").path("type").asText())
                    .isEqualTo("object");
        }
    }

    @Test
    void aRecordedResponsesTurnIsAnsweredWithFunctionCallOutputs() throws Exception {
        ObjectNode turn = (ObjectNode) fixture("openai-responses/response-with-function-calls.json");
        List<String> ids = new ArrayList<>();
        for (JsonNode item : turn.path("output")) {
            if ("function_call".equals(item.path("type").asText())) {
                ((ObjectNode) item).put("name", "calculate_tax").put("arguments", TAX.toString());
                ids.add(item.path("call_id").asText());
            }
        }
        JsonNode answer = batch("openai-responses", turn);
        ArgumentSchema output = definition("openai-responses/function-tool.schema.json",
                "FunctionCallOutputItemParam");
        assertThat(answer.path("input").size()).isEqualTo(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            JsonNode item = answer.path("input").get(i);
            assertThat(output.validate(item)).as(item.toString()).isEmpty();
            assertThat(item.path("call_id").asText()).isEqualTo(ids.get(i));
            assertThat(JSON.readTree(item.path("output").asText()).path("state").asText()).isEqualTo("NY");
        }
    }

    @Test
    void aRecordedGeminiTurnIsAnsweredWithFunctionResponsesWithOrWithoutIds() throws Exception {
        ArgumentSchema content = definition("gemini/schema.schema.json", "Content");
        for (String file : new String[] { "gemini/response-with-function-call-ids.json",
                "gemini/response-with-function-calls.json" }) {
            ObjectNode turn = (ObjectNode) fixture(file);
            List<String> ids = new ArrayList<>();
            for (JsonNode part : turn.path("candidates").get(0).path("content").path("parts")) {
                ObjectNode call = (ObjectNode) part.get("functionCall");
                call.put("name", "calculate_tax");
                call.set("args", TAX);
                ids.add(call.path("id").asText(null));
            }
            JsonNode answer = batch("gemini", turn);
            assertThat(content.validate(answer)).as(answer.toString()).isEmpty();
            assertThat(answer.path("role").asText()).isEqualTo("user");
            for (int i = 0; i < ids.size(); i++) {
                JsonNode response = answer.path("parts").get(i).path("functionResponse");
                assertThat(response.path("name").asText()).isEqualTo("calculate_tax");
                assertThat(response.path("id").asText(null)).isEqualTo(ids.get(i));
                assertThat(response.path("response").path("state").asText()).isEqualTo("NY");
            }
        }
    }

    @Test
    void aRecordedBedrockTurnIsAnsweredWithToolResults() throws Exception {
        ObjectNode turn = (ObjectNode) fixture("bedrock/converse-response-tool-use.json");
        List<String> ids = new ArrayList<>();
        for (JsonNode block : turn.path("output").path("message").path("content")) {
            if (block.has("toolUse")) {
                ObjectNode use = (ObjectNode) block.get("toolUse");
                use.put("name", "calculate_tax");
                use.set("input", TAX.deepCopy());
                ids.add(use.path("toolUseId").asText());
            }
        }
        // One call refused by its schema: its result says error, in the same shape.
        ((ObjectNode) turn.path("output").path("message").path("content").get(2).path("toolUse").path("input"))
                .put("amount", "one hundred");
        JsonNode answer = batch("bedrock", turn);
        JsonNode recorded = fixture("bedrock/tool-result-message.json");
        assertThat(answer.path("role").asText()).isEqualTo(recorded.path("role").asText());
        assertThat(fieldNames(answer.path("content").get(0).path("toolResult"))).isEqualTo(fieldNames(recorded
                .path("content").get(0).path("toolResult")));
        JsonNode first = answer.path("content").get(0).path("toolResult");
        assertThat(first.path("toolUseId").asText()).isEqualTo(ids.get(0));
        assertThat(first.path("status").asText()).isEqualTo("success");
        assertThat(first.path("content").get(0).path("json").path("state").asText()).isEqualTo("NY");
        JsonNode second = answer.path("content").get(1).path("toolResult");
        assertThat(second.path("toolUseId").asText()).isEqualTo(ids.get(1));
        assertThat(second.path("status").asText()).isEqualTo("error");
        assertThat(second.path("content").get(0).path("json").path("error").path("code").asText())
                .isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void strictModeCallsMeanWhatTheyWouldMeanWithoutIt() throws Exception {
        JsonNode schema = JSON.readTree(given().get("/tools/search_products").then().extract().asString())
                .path("inputSchema");
        ObjectNode arguments = JSON.createObjectNode().put("query", "laptop");
        schema.path("properties").fieldNames().forEachRemaining(p -> {
            if (!p.equals("query")) {
                arguments.putNull(p);
            }
        });
        ObjectNode turn = JSON.createObjectNode();
        turn.putArray("output").addObject().put("type", "function_call").put("call_id", "call_1")
                .put("name", "search_products").put("arguments", arguments.toString());
        // Without strict the nulls are what they say, and refused; with it they mean "left out".
        assertThat(batch("openai-responses", turn).path("input").get(0).path("output").asText())
                .contains("VALIDATION_ERROR");
        String output = given().contentType("application/json").body(turn.toString())
                .post("/tools/batch?format=openai-responses&strict=true").then().statusCode(200).extract()
                .path("input[0].output");
        assertThat(output).doesNotContain("error").contains("LAP-");
    }

    private static JsonNode batch(String format, JsonNode body) throws IOException {
        return JSON.readTree(given().contentType("application/json").body(body.toString())
                .post("/tools/batch?format=" + format).then().statusCode(200).extract().asString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(n -> {
            if (!n.startsWith("_")) {
                names.add(n);
            }
        });
        names.sort(null);
        return names;
    }

    private static JsonNode find(JsonNode tools, String name) {
        for (Iterator<JsonNode> it = tools.elements(); it.hasNext();) {
            JsonNode t = it.next();
            if (name.equals(t.path("name").asText()) || name.equals(t.path("function").path("name").asText())) {
                return t;
            }
        }
        throw new AssertionError(name + " not in " + tools);
    }

    private static JsonNode get(String path) throws IOException {
        return JSON.readTree(given().get(path).then().statusCode(200).extract().asString());
    }

    private static JsonNode fixture(String path) throws IOException {
        try (InputStream in = ProviderFormatsTest.class.getResourceAsStream("/providers/" + path)) {
            return JSON.readTree(in);
        }
    }

    /** One definition of a fixture schema file, as a schema of its own (its $defs kept for references). */
    private static ArgumentSchema definition(String file, String name) throws IOException {
        ObjectNode schema = ((ObjectNode) fixture(file)).deepCopy();
        schema.remove(List.of("oneOf", "$ref", "title", "_source", "$comment"));
        schema.put("$ref", "#/$defs/" + name);
        return ArgumentSchema.compile(schema);
    }
}

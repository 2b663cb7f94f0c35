package io.toolgate.agent;

import static io.restassured.RestAssured.given;
import static io.toolgate.agent.Scripts.answer;
import static io.toolgate.agent.Scripts.script;
import static io.toolgate.agent.Scripts.status;
import static io.toolgate.agent.Scripts.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toolgate.SecuredProfile;

/** The agent loop against a scripted OpenAI-compatible model: what comes back, and what the model was sent. */
@QuarkusTest
@TestProfile(FakeModelProfile.class)
class AgentEndpointTest {

    private static final String ORDER = "{\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"I want to order 2 laptops for customer 12345\"}]}";

    private final ObjectMapper mapper = new ObjectMapper();

    @ConfigProperty(name = "fake-openai.url")
    String fakeUrl;

    private void play(String script) {
        given().baseUri(fakeUrl).body(script).post("/fake/script").then().statusCode(200);
    }

    private List<JsonNode> sent() throws Exception {
        JsonNode all = mapper.readTree(given().baseUri(fakeUrl).get("/fake/requests").asString());
        List<JsonNode> out = new ArrayList<>();
        all.forEach(out::add);
        return out;
    }

    private JsonNode chat(String key, String body, int expectedStatus) throws Exception {
        String response = given().header("X-API-Key", key).contentType("application/json").body(body)
                .post("/v1/chat/completions").then().statusCode(expectedStatus).extract().asString();
        return mapper.readTree(response);
    }

    private static JsonNode lastMessage(JsonNode request) {
        JsonNode messages = request.get("messages");
        return messages.get(messages.size() - 1);
    }

    private static List<String> offeredNames(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.path("tools").forEach(t -> names.add(t.path("function").path("name").asText()));
        return names;
    }

    @Test
    void singleToolCallThenAnswer() throws Exception {
        play(script(toolCalls("call_1", "lookup_customer", "{\"customer_id\":12345}"),
                answer("Customer 12345 is Alice Johnson, a gold member.")));
        JsonNode r = chat(SecuredProfile.ROOT, ORDER, 200);

        assertThat(r.path("object").asText()).isEqualTo("chat.completion");
        assertThat(r.path("model").asText()).isEqualTo("fake-model");
        assertThat(r.path("choices").get(0).path("message").path("content").asText()).contains("Alice Johnson");
        assertThat(r.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(r.path("usage").path("total_tokens").asInt()).isEqualTo(240);
        JsonNode steps = r.path("toolgate").path("steps");
        assertThat(steps).hasSize(2);
        JsonNode call = steps.get(0).path("tool_calls").get(0);
        assertThat(call.path("name").asText()).isEqualTo("lookup_customer");
        assertThat(call.path("id").asText()).isEqualTo("call_1");
        assertThat(call.path("success").asBoolean()).isTrue();
        assertThat(steps.get(1).path("usage").path("prompt_tokens").asInt()).isEqualTo(100);

        List<JsonNode> sent = sent();
        assertThat(sent).hasSize(2);
        assertThat(offeredNames(sent.get(0))).contains("lookup_customer", "search_products", "calculate_tax");
        JsonNode toolMessage = lastMessage(sent.get(1));
        assertThat(toolMessage.path("role").asText()).isEqualTo("tool");
        assertThat(toolMessage.path("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(toolMessage.path("content").asText()).contains("Alice Johnson");
        JsonNode assistant = sent.get(1).get("messages").get(1);
        assertThat(assistant.path("tool_calls").get(0).path("function").path("name").asText())
                .isEqualTo("lookup_customer");
    }

    @Test
    void twoParallelCallsInOneResponse() throws Exception {
        play(script(toolCalls("call_a", "check_product_availability", "{\"product_id\":\"LAP-002\",\"quantity\":2}",
                "call_b", "calculate_tax", "{\"amount\":1899,\"state\":\"NY\"}"), answer("Available; tax 75.96.")));
        JsonNode r = chat(SecuredProfile.ROOT, ORDER, 200);

        JsonNode calls = r.path("toolgate").path("steps").get(0).path("tool_calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).path("id").asText()).isEqualTo("call_a");
        assertThat(calls.get(1).path("id").asText()).isEqualTo("call_b");
        assertThat(calls.get(0).path("success").asBoolean()).isTrue();
        assertThat(calls.get(1).path("success").asBoolean()).isTrue();
        JsonNode messages = sent().get(1).get("messages");
        JsonNode first = messages.get(messages.size() - 2);
        JsonNode second = messages.get(messages.size() - 1);
        assertThat(first.path("tool_call_id").asText()).isEqualTo("call_a");
        assertThat(second.path("tool_call_id").asText()).isEqualTo("call_b");
        assertThat(second.path("content").asText()).contains("75.96");
    }

    /** The "done" scenario: two rounds of tool calls, then the right final answer; a three-step chain. */
    @Test
    void ordersTwoLaptopsForCustomer12345() throws Exception {
        play(script(
                toolCalls("call_1", "lookup_customer", "{\"customer_id\":12345}",
                        "call_2", "search_products", "{\"query\":\"laptop\"}"),
                toolCalls("call_3", "calculate_total_price",
                        "{\"items\":[{\"product_id\":\"LAP-001\",\"quantity\":2}],\"destination_state\":\"CA\"}"),
                answer("Two ThinkBook 14 Laptops for Alice Johnson (CA): see the total.")));
        JsonNode r = chat(SecuredProfile.ROOT, ORDER, 200);

        assertThat(r.path("choices").get(0).path("message").path("content").asText())
                .contains("ThinkBook 14", "Alice Johnson");
        assertThat(r.path("toolgate").path("steps")).hasSize(3);
        assertThat(r.path("usage").path("prompt_tokens").asInt()).isEqualTo(300);
        List<JsonNode> sent = sent();
        assertThat(sent).hasSize(3);
        JsonNode totalTool = null;
        for (JsonNode t : sent.get(0).path("tools")) {
            if ("calculate_total_price".equals(t.path("function").path("name").asText())) {
                totalTool = t.path("function").path("parameters");
            }
        }
        // The nested schema reaches the model: an array of objects with their own required fields.
        assertThat(totalTool.path("properties").path("items").path("items").path("required").toString())
                .contains("product_id", "quantity");
        JsonNode round1 = sent.get(1).get("messages");
        assertThat(round1.get(round1.size() - 2).path("content").asText()).contains("\"state\":\"CA\"");
        assertThat(round1.get(round1.size() - 1).path("content").asText()).contains("LAP-001");
        JsonNode total = mapper.readTree(lastMessage(sent.get(2)).path("content").asText());
        // 2 x 899.00 = 1798.00, plus CA shipping and tax, as the demo tool computes them.
        assertThat(total.path("subtotal").decimalValue()).isEqualByComparingTo("1798.00");
        assertThat(total.path("destination_state").asText()).isEqualTo("CA");
        assertThat(total.path("total").decimalValue()).isGreaterThan(total.path("subtotal").decimalValue());
    }

    @Test
    void hallucinatedToolNameGoesBackToTheModelWhichCorrectsIt() throws Exception {
        play(script(toolCalls("call_1", "get_customer", "{\"customer_id\":12345}"),
                toolCalls("call_2", "lookup_customer", "{\"customer_id\":12345}"),
                answer("Alice Johnson.")));
        JsonNode r = chat(SecuredProfile.ROOT, ORDER, 200);

        JsonNode steps = r.path("toolgate").path("steps");
        assertThat(steps.get(0).path("tool_calls").get(0).path("code").asText()).isEqualTo("FUNCTION_NOT_FOUND");
        assertThat(steps.get(1).path("tool_calls").get(0).path("success").asBoolean()).isTrue();
        String told = lastMessage(sent().get(1)).path("content").asText();
        assertThat(told).contains("FUNCTION_NOT_FOUND").contains("lookup_customer");
        assertThat(r.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void invalidArgumentsGoBackToTheModelWhichFixesThem() throws Exception {
        play(script(toolCalls("call_1", "calculate_shipping", "{\"weight_kg\":2.5,\"destination_state\":\"California\"}",
                "call_2", "calculate_tax", "{\"amount\": 10, "),
                toolCalls("call_3", "calculate_shipping", "{\"weight_kg\":2.5,\"destination_state\":\"CA\"}"),
                answer("Shipping computed.")));
        JsonNode r = chat(SecuredProfile.ROOT, ORDER, 200);

        JsonNode first = r.path("toolgate").path("steps").get(0).path("tool_calls");
        assertThat(first.get(0).path("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(first.get(1).path("code").asText()).isEqualTo("INVALID_JSON");
        JsonNode messages = sent().get(1).get("messages");
        String validation = messages.get(messages.size() - 2).path("content").asText();
        assertThat(validation).contains("VALIDATION_ERROR", "destination_state", "pattern");
        assertThat(r.path("toolgate").path("steps").get(1).path("tool_calls").get(0).path("success").asBoolean())
                .isTrue();
    }

    @Test
    void stopsAfterMaxStepsWithAnExplainedFinishReason() throws Exception {
        play(script(toolCalls("call_1", "lookup_customer", "{\"customer_id\":12345}"),
                toolCalls("call_2", "lookup_customer", "{\"customer_id\":12345}"),
                answer("never reached")));
        JsonNode r = chat(SecuredProfile.ROOT, ORDER.replace("{\"messages\"", "{\"max_steps\":2,\"messages\""), 200);

        assertThat(r.path("choices").get(0).path("finish_reason").asText()).isEqualTo("max_steps");
        assertThat(r.path("toolgate").path("steps")).hasSize(2);
        assertThat(r.path("toolgate").path("stopped").asText()).contains("max_steps");
        assertThat(sent()).hasSize(2);
    }

    @Test
    void toolChoiceVariantsAreSentUpstream() throws Exception {
        play(script(answer("no tools")));
        chat(SecuredProfile.ROOT, ORDER.replace("{\"messages\"", "{\"tool_choice\":\"none\",\"messages\""), 200);
        assertThat(sent().get(0).path("tool_choice").asText()).isEqualTo("none");

        play(script(toolCalls("call_1", "lookup_customer", "{\"customer_id\":12345}"), answer("done")));
        chat(SecuredProfile.ROOT, ORDER.replace("{\"messages\"", "{\"tool_choice\":\"required\",\"messages\""), 200);
        List<JsonNode> sent = sent();
        assertThat(sent.get(0).path("tool_choice").asText()).isEqualTo("required");
        assertThat(sent.get(1).path("tool_choice").asText()).isEqualTo("auto");

        play(script(toolCalls("call_1", "lookup_customer", "{\"customer_id\":12345}"), answer("done")));
        chat(SecuredProfile.ROOT, ORDER.replace("{\"messages\"", "{\"tool_choice\":{\"type\":\"function\","
                + "\"function\":{\"name\":\"lookup_customer\"}},\"messages\""), 200);
        sent = sent();
        assertThat(offeredNames(sent.get(0))).containsExactly("lookup_customer");
        assertThat(sent.get(0).path("tool_choice").asText()).isEqualTo("required");
        assertThat(offeredNames(sent.get(1))).contains("search_products");

        play(script(answer("done")));
        chat(SecuredProfile.ROOT, ORDER, 200);
        assertThat(sent().get(0).path("tool_choice").asText()).isEqualTo("auto");

        JsonNode refused = chat(SecuredProfile.ROOT, ORDER.replace("{\"messages\"", "{\"tool_choice\":{\"type\":"
                + "\"function\",\"function\":{\"name\":\"no_such_tool\"}},\"messages\""), 400);
        assertThat(refused.path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void theCallersRolesAndTheRequestNarrowTheOfferedTools() throws Exception {
        play(script(toolCalls("call_1", "calculate_tax", "{\"amount\":100,\"state\":\"NY\"}"), answer("ok")));
        JsonNode r = chat(SecuredProfile.ALICE, ORDER, 200);
        List<String> offered = offeredNames(sent().get(0));
        assertThat(offered).contains("lookup_customer").doesNotContain("calculate_tax");
        // The model asking for a tool the caller may not use gets it refused, not run.
        assertThat(r.path("toolgate").path("steps").get(0).path("tool_calls").get(0).path("success").asBoolean())
                .isFalse();

        play(script(answer("ok")));
        chat(SecuredProfile.ALICE, ORDER.replace("{\"messages\"",
                "{\"tools\":[\"lookup_customer\",\"calculate_tax\",{\"type\":\"function\",\"function\":"
                        + "{\"name\":\"search_products\"}}],\"messages\""), 200);
        assertThat(offeredNames(sent().get(0))).containsExactlyInAnyOrder("lookup_customer", "search_products");
    }

    @Test
    void searchSelectionOffersTheMostRelevantToolsAndLetsTheModelLookAgain() throws Exception {
        // Step 1 offers the top 2 for the user's words; the model searches for another tool, which it then calls.
        play(script(toolCalls("call_s", "search_tools", "{\"query\":\"sales tax for a state\"}"),
                toolCalls("call_t", "calculate_tax", "{\"amount\":100,\"state\":\"NY\"}"),
                answer("Tax is 4.00")));
        JsonNode r = chat(SecuredProfile.ROOT, "{\"tool_selection\":{\"mode\":\"search\",\"top_k\":2},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Look up customer 12345\"}]}", 200);
        List<JsonNode> sent = sent();
        List<String> first = offeredNames(sent.get(0));
        assertThat(first).hasSize(3).contains("lookup_customer", "search_tools").doesNotContain("calculate_tax");
        assertThat(offeredNames(sent.get(1))).contains("calculate_tax", "lookup_customer", "search_tools");
        JsonNode found = mapper.readTree(lastMessage(sent.get(1)).path("content").asText());
        assertThat(found.path("tools").get(0).path("name").asText()).isEqualTo("calculate_tax");
        JsonNode steps = r.path("toolgate").path("steps");
        assertThat(steps.get(0).path("tools_offered").asInt()).isEqualTo(3);
        assertThat(steps.get(0).path("tool_tokens").asInt()).isPositive();
        assertThat(steps.get(1).path("tool_calls").get(0).path("success").asBoolean()).isTrue();
        // Everything offered costs far more than the handful.
        play(script(answer("ok")));
        JsonNode all = chat(SecuredProfile.ROOT, ORDER, 200);
        assertThat(all.path("toolgate").path("steps").get(0).path("tool_tokens").asInt())
                .isGreaterThan(3 * steps.get(0).path("tool_tokens").asInt());
        chat(SecuredProfile.ROOT, "{\"tool_selection\":{\"mode\":\"search\",\"top_k\":0},\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"hi\"}]}", 400);
    }

    @Test
    void upstreamServerErrorsAreRetriedThenReportedAs502() throws Exception {
        play(script(status(500, "boom"), status(500, "boom"), status(500, "still boom")));
        JsonNode r = chat(SecuredProfile.ROOT, ORDER, 502);
        assertThat(r.path("error").path("code").asText()).isEqualTo("MODEL_ERROR");
        assertThat(r.path("error").path("message").asText()).contains("500", "still boom");
        assertThat(sent()).hasSize(3);

        play(script(status(503, "overloaded"), answer("fine after a retry")));
        JsonNode ok = chat(SecuredProfile.ROOT, ORDER, 200);
        assertThat(ok.path("choices").get(0).path("message").path("content").asText()).contains("retry");
    }

    @Test
    void rateLimitedModelGives502WithTheReason() throws Exception {
        play(script(status(429, "Rate limit reached"), status(429, "Rate limit reached"),
                status(429, "Rate limit reached")));
        JsonNode r = chat(SecuredProfile.ROOT, ORDER, 502);
        assertThat(r.path("error").path("message").asText()).contains("429", "Rate limit reached");
        assertThat(sent()).hasSize(3);
    }

    @Test
    void theApiKeyNeverReachesTheCaller() throws Exception {
        play(script(status(401, "Incorrect API key provided: " + FakeOpenAiServer.API_KEY)));
        String body = given().header("X-API-Key", SecuredProfile.ROOT).contentType("application/json").body(ORDER)
                .post("/v1/chat/completions").then().statusCode(502).extract().asString();
        assertThat(body).doesNotContain(FakeOpenAiServer.API_KEY).doesNotContain("0123456789abcdef")
                .contains("401").doesNotContain("Exception");
        assertThat(sent()).hasSize(1);
    }

    @Test
    void tokensAreCountedPerModelAndAudited() throws Exception {
        play(script(answer("hello")));
        JsonNode r = chat(SecuredProfile.ROOT, ORDER, 200);
        String requestId = r.path("toolgate").path("request_id").asText();

        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).containsPattern("toolgate_llm_tokens_total\\{[^}]*model=\"fake-model\"[^}]*type=\"prompt\"");
        assertThat(metrics).containsPattern("toolgate_llm_tokens_total\\{[^}]*type=\"completion\"");

        JsonNode record = null;
        for (int i = 0; i < 50 && record == null; i++) {
            JsonNode audit = mapper.readTree(given().header("X-API-Key", SecuredProfile.ROOT)
                    .get("/audit?tool=(chat)&limit=100").asString());
            for (JsonNode rec : audit.path("records")) {
                if (requestId.equals(rec.path("request_id").asText())) {
                    record = rec;
                }
            }
            if (record == null) {
                Thread.sleep(100);
            }
        }
        assertThat(record).isNotNull();
        assertThat(record.path("door").asText()).isEqualTo("agent");
        assertThat(record.path("prompt_tokens").asInt()).isEqualTo(100);
        assertThat(record.path("completion_tokens").asInt()).isEqualTo(20);
        assertThat(record.path("total_tokens").asInt()).isEqualTo(120);
    }

    @Test
    void theRequestsModelAndSamplingSettingsAreSentUpstream() throws Exception {
        play(script(answer("hi")));
        chat(SecuredProfile.ROOT, ORDER.replace("{\"messages\"",
                "{\"model\":\"other-model\",\"temperature\":0.2,\"messages\""), 200);
        JsonNode sent = sent().get(0);
        assertThat(sent.path("model").asText()).isEqualTo("other-model");
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.path("messages").get(0).path("content").asText()).contains("2 laptops");
    }

    @Test
    void malformedRequestsAre400() throws Exception {
        assertThat(chat(SecuredProfile.ROOT, "{\"messages\":[]}", 400).path("error").path("code").asText())
                .isEqualTo("INVALID_REQUEST");
        assertThat(chat(SecuredProfile.ROOT, "not json", 400).path("error").path("code").asText())
                .isEqualTo("INVALID_REQUEST");
    }
}

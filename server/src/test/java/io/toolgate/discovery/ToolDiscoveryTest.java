package io.toolgate.discovery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Discovery at scale on the REST door: ranked search over the catalogue, filters, the token cost of what is listed,
 * and deferred loading on a virtual server's MCP endpoint ({@code lazy}, {@code discovery=search}).
 */
@QuarkusTest
class ToolDiscoveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @jakarta.inject.Inject
    TokenBudget budget;

    @Test
    void searchRanksTheToolThatDoesWhatIsAskedFirst() {
        assertThat(names("/tools?q=look up a customer by id")).first().isEqualTo("lookup_customer");
        assertThat(names("/tools?q=charge a credit card payment").subList(0, 3)).contains("charge_payment");
        assertThat(names("/tools?q=sales tax for a state")).first().isEqualTo("calculate_tax");
        // Words of a name split at underscores and case changes, stemmed: "products" finds search_products.
        assertThat(names("/tools?q=productSearch&limit=3")).contains("search_products");
        assertThat(names("/tools?q=sales tax&limit=1")).hasSize(1);
        // Nothing searchable: nothing found, not everything.
        assertThat(names("/tools?q=the of and")).isEmpty();
    }

    @Test
    void filtersNarrowByTagAndReadOnlyHint() {
        List<String> shop = names("/tools?tag=shop");
        assertThat(shop).contains("search_products", "lookup_customer").doesNotContain("charge_payment");
        assertThat(names("/tools?q=order&tag=shop")).allMatch(shop::contains);
        assertThat(names("/tools?q=payment&read_only=false")).contains("charge_payment");
        assertThat(names("/tools?q=payment&read_only=true")).doesNotContain("charge_payment");
        given().get("/tools?limit=0").then().statusCode(400).body("error.details[0].field", equalTo("limit"));
    }

    @Test
    void everyListingSaysWhatItsDefinitionsCostAModel() throws Exception {
        // A listing answered before the tokenizer has loaded goes without the header, and asks for it to be loaded.
        given().get("/tools").then().statusCode(200);
        long end = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (given().get("/tools").header("Toolgate-Tokens") == null && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        Response all = given().get("/tools?format=openai");
        Response found = given().get("/tools?format=openai&q=customer&limit=2");
        int allTokens = Integer.parseInt(all.header("Toolgate-Tokens"));
        int foundTokens = Integer.parseInt(found.header("Toolgate-Tokens"));
        assertThat(foundTokens).isPositive().isLessThan(allTokens / 4);
        JsonNode described = JSON.readTree(given().get("/tools/lookup_customer").then().statusCode(200).extract()
                .asString());
        JsonNode cost = described.path("token_cost");
        for (String format : new String[] { "mcp", "openai", "anthropic", "openai-responses", "gemini", "bedrock" }) {
            assertThat(cost.path(format).asInt()).as(format).isGreaterThan(20);
        }
        assertThat(described.path("tags").toString()).contains("shop");
        // The OpenAI count is the one the listing header sums for that tool alone.
        Response one = given().get("/tools?format=openai&q=lookup_customer&limit=1");
        assertThat(Integer.parseInt(one.header("Toolgate-Tokens"))).isEqualTo(cost.path("openai").asInt());
    }

    @Test
    void mcpDiscoveryBySearchOffersTwoToolsAndCallsAnyToolAsItself() throws Exception {
        JsonNode listed = mcp("/mcp/lazy", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
        List<String> offered = new ArrayList<>();
        listed.path("result").path("tools").forEach(t -> offered.add(t.path("name").asText()));
        assertThat(offered).containsExactly("search_tools", "call_tool");
        // Toolgate's own endpoint still lists everything.
        assertThat(mcp("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}").path("result")
                .path("tools").size()).isGreaterThan(10);

        JsonNode found = mcp("/mcp/lazy", call("search_tools", "{\"query\":\"shipping cost of a parcel\","
                + "\"limit\":3}")).path("result");
        assertThat(found.path("isError").asBoolean()).isFalse();
        JsonNode tools = found.path("structuredContent").path("tools");
        assertThat(tools.size()).isBetween(1, 3);
        assertThat(tools.get(0).path("name").asText()).isEqualTo("calculate_shipping");
        assertThat(tools.get(0).path("inputSchema").path("properties").size()).isPositive();

        JsonNode tax = mcp("/mcp/lazy", call("call_tool", "{\"name\":\"calculate_tax\",\"arguments\":{\"amount\":100,"
                + "\"state\":\"NY\"}}")).path("result");
        assertThat(tax.path("isError").asBoolean()).as(tax.toString()).isFalse();
        assertThat(tax.path("structuredContent").path("state").asText()).isEqualTo("NY");
        // The inner call is validated against that tool's own schema, and the error names its field.
        JsonNode refused = mcp("/mcp/lazy", call("call_tool", "{\"name\":\"calculate_tax\",\"arguments\":"
                + "{\"amount\":\"x\",\"state\":\"NY\"}}")).path("result");
        assertThat(refused.path("isError").asBoolean()).isTrue();
        assertThat(refused.path("content").get(0).path("text").asText()).contains("VALIDATION_ERROR", "amount");
        JsonNode unnamed = mcp("/mcp/lazy", call("call_tool", "{}")).path("result");
        assertThat(unnamed.path("content").get(0).path("text").asText()).contains("call_tool needs name");
        JsonNode noQuery = mcp("/mcp/lazy", call("search_tools", "{}")).path("result");
        assertThat(noQuery.path("isError").asBoolean()).isTrue();
        // The call is in the audit trail under the tool's own name.
        given().get("/calls?limit=50").then().statusCode(200).body(containsString("calculate_tax"));
    }

    @Test
    void toolsAboveTheTokenBudgetAreWarnedAbout() throws Exception {
        // %test sets toolgate.lint.max-definition-tokens=150; the check runs on its own thread after start-up.
        List<String> over = new ArrayList<>();
        for (String name : names("/tools")) {
            JsonNode described = JSON.readTree(given().get("/tools/" + name).then().extract().asString());
            if (described.path("token_cost").path("openai").asInt() > 150) {
                over.add(name);
            }
        }
        assertThat(over).isNotEmpty();
        long end = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (budget.findings().size() < over.size() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(budget.findings()).hasSize(over.size()).allSatisfy(f -> assertThat(f)
                .contains("more than toolgate.lint.max-definition-tokens (150)"));
        assertThat(String.join("\n", budget.findings())).contains(over.get(0));
    }

    private static String call(String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }

    private static JsonNode mcp(String path, String body) throws Exception {
        String answer = given().contentType("application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-06-18").body(body).post(path).then().statusCode(200).extract()
                .asString();
        return JSON.readTree(answer);
    }

    private static List<String> names(String path) {
        JsonNode body;
        try {
            body = JSON.readTree(given().get(path).then().statusCode(200).extract().asString());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        List<String> names = new ArrayList<>();
        body.path("tools").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }
}

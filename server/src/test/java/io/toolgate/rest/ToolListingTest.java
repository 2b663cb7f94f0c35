package io.toolgate.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.toolgate.tool.ArgumentSchema;

@QuarkusTest
class ToolListingTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void mcpFormatListsToolObjects() {
        given().get("/tools").then().statusCode(200)
                .body("tools.name", hasItems("search_products", "lookup_customer", "check_product_availability",
                        "calculate_shipping", "calculate_tax", "calculate_total_price"))
                .body("tools.description", everyItem(notNullValue()))
                .body("tools.inputSchema.type", everyItem(equalTo("object")))
                .body("tools.find { it.name == 'search_products' }.annotations.readOnlyHint", equalTo(true))
                .body("tools.find { it.name == 'search_products' }.outputSchema.type", equalTo("object"));
    }

    @Test
    void openaiFormatIsTheToolsParameterAsIs() {
        List<Map<String, Object>> tools = given().get("/tools?format=openai").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertThat(tools).isNotEmpty().allSatisfy(t -> {
            assertThat(t).containsOnlyKeys("type", "function");
            assertThat(t.get("type")).isEqualTo("function");
            @SuppressWarnings("unchecked")
            Map<String, Object> function = (Map<String, Object>) t.get("function");
            assertThat(function).containsOnlyKeys("name", "description", "parameters");
        });
    }

    @Test
    void anthropicFormatIsTheMessagesApiToolList() {
        List<Map<String, Object>> tools = given().get("/tools?format=anthropic").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertThat(tools).isNotEmpty()
                .allSatisfy(t -> assertThat(t).containsOnlyKeys("name", "description", "input_schema"));
    }

    @Test
    void everyPublishedSchemaIsValidJsonSchema202012() throws Exception {
        JsonNode list = mapper.readTree(given().get("/tools").then().extract().asString());
        for (JsonNode tool : list.get("tools")) {
            assertThat(ArgumentSchema.metaSchemaViolations(tool.get("inputSchema")))
                    .as(tool.get("name").asText()).isEmpty();
            if (tool.has("outputSchema")) {
                assertThat(ArgumentSchema.metaSchemaViolations(tool.get("outputSchema")))
                        .as(tool.get("name").asText() + " output").isEmpty();
            }
        }
        assertThat(ArgumentSchema.metaSchemaViolations(mapper.readTree("{\"type\": 12}"))).isNotEmpty();
    }

    @Test
    void unknownFormatAndUnknownToolAreClearErrors() {
        given().get("/tools?format=cohere").then().statusCode(400)
                .body("error.details[0].field", equalTo("format"));
        given().get("/tools/no_such_tool").then().statusCode(404)
                .body("error.code", equalTo("FUNCTION_NOT_FOUND"));
    }
}

package io.toolgate.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.toolgate.tool.ArgumentSchema;

/** Tool names from operationIds, and OpenAPI 3.0 schemas turned into valid JSON Schema 2020-12. */
class OpenApiImporterTest {

    @Test
    void operationIdsBecomeSnakeCaseNames() {
        assertThat(OpenApiImporter.snakeCase("getPetById")).isEqualTo("get_pet_by_id");
        assertThat(OpenApiImporter.snakeCase("list-HTTPRoutes")).isEqualTo("list_http_routes");
        assertThat(OpenApiImporter.snakeCase("Create Order v2")).isEqualTo("create_order_v2");
        assertThat(OpenApiImporter.snakeCase("GET /pets/{petId}")).isEqualTo("get_pets_pet_id");
        assertThat(OpenApiImporter.snakeCase("2fa_verify")).isEqualTo("op_2fa_verify");
    }

    @Test
    void openApi30KeywordsAreConverted() {
        IntegerSchema age = new IntegerSchema();
        age.setMinimum(BigDecimal.ZERO);
        age.setExclusiveMinimum(true);
        age.setNullable(true);
        age.setExample(3);
        ObjectSchema pet = new ObjectSchema();
        pet.addProperty("age", age);
        pet.addProperty("name", new StringSchema().minLength(1));
        ObjectNode json = OpenApiImporter.toJsonSchema(pet);
        ObjectNode converted = (ObjectNode) json.get("properties").get("age");
        assertThat(converted.get("exclusiveMinimum").asInt()).isZero();
        assertThat(converted.has("minimum")).isFalse();
        assertThat(converted.get("type").toString()).isEqualTo("[\"integer\",\"null\"]");
        assertThat(converted.has("nullable")).isFalse();
        assertThat(converted.has("example")).isFalse();
        assertThat(ArgumentSchema.metaSchemaViolations(json)).isEmpty();
    }

    @Test
    void serverVariablesTakeTheirDefaults() {
        io.swagger.v3.oas.models.servers.Server server = new io.swagger.v3.oas.models.servers.Server()
                .url("https://{region}.api.example.com/{version}")
                .variables(new io.swagger.v3.oas.models.servers.ServerVariables()
                        .addServerVariable("region", new io.swagger.v3.oas.models.servers.ServerVariable()
                                ._default("eu"))
                        .addServerVariable("version", new io.swagger.v3.oas.models.servers.ServerVariable()
                                ._default("v2")));
        assertThat(OpenApiImporter.serverUrl(server)).isEqualTo("https://eu.api.example.com/v2");
        assertThat(OpenApiImporter.serverUrl(new io.swagger.v3.oas.models.servers.Server()
                .url("https://api.example.com"))).isEqualTo("https://api.example.com");
    }
}

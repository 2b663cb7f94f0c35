package io.toolgate.tool;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The input and output schemas generated from TestTools.echoAllTypes, keyword by keyword. */
@QuarkusTest
class SchemaGenerationTest {

    private static final String P = "inputSchema.properties.";

    @Test
    void everySupportedTypeAndConstraintIsReflected() {
        given().get("/tools/echo_all_types").then().statusCode(200)
                .body("inputSchema.type", equalTo("object"))
                .body("inputSchema.additionalProperties", equalTo(false))
                .body("inputSchema.required", containsInAnyOrder("text", "count", "ratio", "unit", "tags", "scores",
                        "address"))
                // strings: @NotBlank -> minLength 1, @Size -> maxLength, @Pattern, @Email
                .body(P + "text.type", equalTo("string"))
                .body(P + "text.minLength", equalTo(1))
                .body(P + "text.maxLength", equalTo(20))
                .body(P + "text.description", equalTo("Free text of one to twenty characters"))
                .body(P + "reference.pattern", equalTo("^[A-Z]{3}[0-9]{4}$"))
                .body(P + "email.format", equalTo("email"))
                // numbers: @Min/@Max, @DecimalMin(exclusive)/@DecimalMax, @PositiveOrZero on Optional<@..>
                .body(P + "count.type", equalTo("integer"))
                .body(P + "count.minimum", equalTo(1))
                .body(P + "count.maximum", equalTo(10))
                .body(P + "ratio.type", equalTo("number"))
                .body(P + "ratio.exclusiveMinimum", equalTo(0))
                .body(P + "ratio.maximum", equalTo(1))
                .body(P + "amount.type", equalTo("number"))
                .body(P + "amount.minimum", equalTo(0))
                // boolean with a default, enum, list with @Size, array
                .body(P + "loud.type", equalTo("boolean"))
                .body(P + "loud.default", equalTo(false))
                .body(P + "unit.enum", contains("celsius", "fahrenheit"))
                .body(P + "tags.type", equalTo("array"))
                .body(P + "tags.items.type", equalTo("string"))
                .body(P + "tags.minItems", equalTo(1))
                .body(P + "tags.maxItems", equalTo(3))
                .body(P + "scores.type", equalTo("array"))
                .body(P + "scores.items.type", equalTo("integer"))
                // a record becomes a nested object with its own constraints and required fields
                .body(P + "address.type", equalTo("object"))
                .body(P + "address.additionalProperties", equalTo(false))
                .body(P + "address.required", contains("street"))
                .body(P + "address.properties.street.minLength", equalTo(1))
                .body(P + "address.properties.country.minLength", equalTo(2))
                .body(P + "address.properties.country.maxLength", equalTo(2))
                .body(P + "address.properties.note.type", hasItem("string"))
                // a record result gets an output schema
                .body("outputSchema.type", equalTo("object"))
                .body("outputSchema.properties.count.type", equalTo("integer"))
                .body("outputSchema.properties.unit.enum", contains("celsius", "fahrenheit"));
    }

    @Test
    void textResultsHaveNoOutputSchema() {
        given().get("/tools/sleep_for_millis").then().statusCode(200)
                .body("outputSchema", nullValue())
                .body("policy.timeout_ms", equalTo(300));
    }
}

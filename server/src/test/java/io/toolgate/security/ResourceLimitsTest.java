package io.toolgate.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.toolgate.support.Corpora;

/** The oversized and deeply nested payloads of security/payload-corpus.json, each with a clear error. */
@QuarkusTest
class ResourceLimitsTest {

    static Stream<Arguments> corpus() {
        return Corpora.cases("/security/payload-corpus.json");
    }

    private static String body(String kind) {
        return switch (kind) {
            case "big-body" -> "{\"query\":\"" + "a".repeat(1_100_000) + "\"}";
            case "deep-arrays" -> "{\"query\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
            case "deep-objects" -> "{\"query\":\"x\",\"n\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}";
            case "long-string" -> "{\"query\":\"" + "b".repeat(100_000) + "\"}";
            case "long-number" -> "{\"query\":\"x\",\"max_price\":" + "9".repeat(5000) + "}";
            case "big-arguments-string" -> "{\"arguments\":\"{\\\"query\\\":\\\"" + "c".repeat(70_000) + "\\\"}\"}";
            case "nul-string" -> "{\"query\":\"lap\\u0000top\"}";
            case "max-query" -> "{\"query\":\"laptop " + "z".repeat(193) + "\"}";
            case "over-max-query" -> "{\"query\":\"" + "z".repeat(201) + "\"}";
            case "moderate-nesting" -> "{\"query\":\"x\",\"n\":" + "[".repeat(20) + "]".repeat(20) + "}";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusCase(String name, JsonNode c) {
        var response = given().contentType("application/json").body(body(c.get("kind").asText()))
                .post("/tools/search_products/invoke").then().statusCode(c.get("expect").asInt());
        if (!c.get("code").isNull()) {
            response.body("error.code", equalTo(c.get("code").asText()));
        }
    }

    @Test
    void theServerKeepsServingAfterTheCorpus() {
        given().contentType("application/json").body("{\"query\":\"laptop\"}").post("/tools/search_products/invoke")
                .then().statusCode(200);
    }
}

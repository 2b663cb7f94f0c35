package com.example.hello;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The application's own tools, served by the extension alone: over MCP with the official Java SDK, and over REST. */
@QuarkusTest
class HelloToolsTest {

    @TestHTTPResource("/")
    URL root;

    private McpSyncClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    @Test
    void theOfficialJavaSdkListsAndCallsTheApplicationsTools() {
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder(root.toString().replaceAll("/$", ""))
                .endpoint("/mcp").build())
                .clientInfo(new McpSchema.Implementation("hello-tools-test", "1.0.0"))
                .requestTimeout(Duration.ofSeconds(20))
                .jsonSchemaValidator(new OutputSchemaCheck())
                .build();
        client.initialize();

        McpSchema.ListToolsResult listed = client.listTools();
        assertEquals(2, listed.tools().size(), "only the application's two tools: " + listed.tools());
        McpSchema.Tool countWords = listed.tools().stream().filter(t -> t.name().equals("count_words")).findFirst()
                .orElseThrow();
        assertEquals(java.util.List.of("text"), countWords.inputSchema().get("required"));
        assertTrue(countWords.annotations().readOnlyHint());

        McpSchema.CallToolResult counted = client.callTool(new McpSchema.CallToolRequest("count_words",
                Map.of("text", "the quick brown fox")));
        assertNotEquals(Boolean.TRUE, counted.isError(), "isError is absent or false on success");
        assertEquals(Map.of("words", 4, "characters", 19, "longestWord", "quick"),
                Map.copyOf((Map<?, ?>) counted.structuredContent()));

        McpSchema.CallToolResult refused = client.callTool(new McpSchema.CallToolRequest("save_note",
                Map.of("name", "../escape", "text", "x")));
        assertEquals(Boolean.TRUE, refused.isError(), "the @Pattern constraint refuses the name before the method runs");
    }

    @Test
    void restListsTheToolsAndRunsTheBlockingOne() throws Exception {
        given().get("/tools").then().statusCode(200)
                .body("tools.name", containsInAnyOrder("count_words", "save_note"));
        given().get("/tools?format=openai").then().statusCode(200)
                .body("function.name", hasItem("save_note"));

        String name = "groceries-" + System.currentTimeMillis();
        given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"text\":\"milk, eggs\"}")
                .post("/tools/save_note/invoke")
                .then().statusCode(200)
                .body("success", equalTo(true))
                .body("result.name", equalTo(name))
                .body("result.bytes", equalTo(10));
        assertEquals("milk, eggs", Files.readString(Path.of("target/notes/" + name + ".txt")));

        // No datasource here: the call's audit records land in the JSON Lines file (application.properties). save_note
        // writes a file, so its started record was on disk before it ran, and its outcome before it answered.
        Path audit = Path.of("target/audit.jsonl");
        List<String> lines = Files.readAllLines(audit).stream().filter(l -> l.contains(name)).toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("\"tool\":\"save_note\"") && lines.get(0).contains("\"phase\":\"started\""),
                lines.get(0));
        assertTrue(lines.get(1).contains("\"phase\":\"completed\"") && lines.get(1).contains("\"success\":true"),
                lines.get(1));

        given().contentType(ContentType.JSON).body("{\"text\":42}")
                .post("/tools/count_words/invoke")
                .then().statusCode(422)
                .body("error.code", equalTo("VALIDATION_ERROR"))
                .body("error.details.field", hasItem("text"));
    }

    /**
     * What the application did not add is not there, and costs its start-up nothing: no model client (the agent
     * endpoint is left out of the build), no Micrometer registry, no OpenAPI document, no datasource (workflows left
     * out). Each comes back when the application adds its extension (docs/extension.md).
     */
    @Test
    void thePartsTheApplicationDidNotAddAreLeftOut() {
        given().contentType(ContentType.JSON).body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/openapi").then().statusCode(404);
        given().get("/workflows").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(200);
    }

    /**
     * The SDK checks structured results against the tool's output schema. Its own validator module needs a newer
     * json-schema-validator than the one Toolgate runs on (see pom.xml), so the check runs on Toolgate's.
     */
    private static final class OutputSchemaCheck implements JsonSchemaValidator {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

        @Override
        public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
            try {
                java.util.Set<ValidationMessage> problems = factory.getSchema(JSON.valueToTree(schema))
                        .validate(JSON.valueToTree(structuredContent));
                return problems.isEmpty() ? ValidationResponse.asValid(JSON.writeValueAsString(structuredContent))
                        : ValidationResponse.asInvalid("does not match the output schema: " + problems);
            } catch (java.io.IOException e) {
                return ValidationResponse.asInvalid(e.toString());
            }
        }
    }
}

package io.toolgate.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;

/**
 * An application without a datasource: every door still serves its tools, the audit log goes to the JSON Lines file
 * (and is searchable over GET /audit), and workflows are left out of the build.
 */
class NoDataSourceTest {

    // A fixed name: this class is loaded twice (by the test and by the application), so nothing random fits here;
    // the test tells its own records apart by the names it greets.
    private static final Path AUDIT = Path.of("target", "no-datasource", "audit.jsonl");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(GreetingTools.class))
            .overrideConfigKey("toolgate.audit.file", AUDIT.toString())
            .overrideConfigKey("toolgate.security.anonymous-roles", "admin")
            .overrideConfigKey("quarkus.devservices.enabled", "false");

    @Test
    void restBatchAndMcpServeTheToolsAndTheAuditGoesToTheFile() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        given().get("/tools").then().statusCode(200).body("tools.name", contains("greet_person"));
        given().contentType(ContentType.JSON).body("{\"name\":\"Ada" + run + "\",\"tone\":\"CASUAL\"}")
                .post("/tools/greet_person/invoke").then().statusCode(200)
                .body("result.text", equalTo("Hi, Ada" + run));
        given().contentType(ContentType.JSON)
                .body("{\"tool_calls\":[{\"id\":\"c1\",\"function\":{\"name\":\"greet_person\","
                        + "\"arguments\":\"{\\\"name\\\":\\\"Bo" + run + "\\\",\\\"tone\\\":\\\"FORMAL\\\"}\"}}]}")
                .post("/tools/batch").then().statusCode(200)
                .body("results[0].success", equalTo(true))
                .body(containsString("Good day, Bo" + run));

        String accept = "application/json, text/event-stream";
        String session = given().contentType(ContentType.JSON).header("Accept", accept)
                .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}")
                .post("/mcp").then().statusCode(200).extract().header("Mcp-Session-Id");
        given().contentType(ContentType.JSON).header("Accept", accept).header("Mcp-Session-Id", session)
                .body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"greet_person\","
                        + "\"arguments\":{\"name\":\"Cy" + run + "\",\"tone\":\"CASUAL\"}}}")
                .post("/mcp").then().statusCode(200).body(containsString("Hi, Cy" + run));

        long deadline = System.currentTimeMillis() + 10_000;
        while (lines(run).size() < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(lines(run)).hasSize(3).allMatch(l -> l.contains("\"tool\":\"greet_person\""));
        assertThat(lines(run)).anyMatch(l -> l.contains("\"door\":\"mcp\""));
        given().get("/audit?tool=greet_person&limit=2").then().statusCode(200)
                .body("records.size()", equalTo(2))
                .body("records[0].door", equalTo("mcp"));
    }

    @Test
    void workflowsAreLeftOutOfTheBuild() {
        given().get("/workflows").then().statusCode(404);
        given().get("/tools").then().body("tools.name", contains("greet_person"));
    }

    private static List<String> lines(String run) throws Exception {
        return Files.exists(AUDIT) ? Files.readAllLines(AUDIT).stream().filter(l -> l.contains(run)).toList()
                : List.of();
    }
}

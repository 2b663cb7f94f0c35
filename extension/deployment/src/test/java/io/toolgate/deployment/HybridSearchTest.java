package io.toolgate.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;
import io.toolgate.discovery.ToolSearch;
import io.toolgate.security.Caller;
import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolRegistry;
import jakarta.inject.Inject;

/**
 * Hybrid tool search with a real in-process embedding model (all-MiniLM-L6-v2, ONNX, a test dependency of this
 * module): requests that share no word with the tool they need find it once the catalogue is embedded, what a caller
 * may not use stays hidden, and the ranking follows registry changes.
 */
class HybridSearchTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ErrandTools.class))
            .overrideConfigKey("toolgate.search.embedding-model", "all-minilm-l6-v2")
            .overrideConfigKey("toolgate.tools.\"delete_repository\".roles", "admin")
            .overrideConfigKey("toolgate.security.anonymous-roles", "user")
            .overrideConfigKey("toolgate.audit.enabled", "false")
            .overrideConfigKey("quarkus.devservices.enabled", "false");

    private static final String PLUMBER = "let my plumber know on his mobile that I am running late";

    @Inject
    ToolRegistry registry;

    @Test
    void requestsInOtherWordsFindTheirToolOnceTheCatalogueIsEmbedded() {
        // BM25 alone has nothing to go on: no word of the request is in send_sms's name or description.
        List<String> byWords = new ToolSearch(registry).search(PLUMBER, 5, Caller.anonymous(Set.of("user")),
                ToolSearch.Filters.NONE).stream().map(h -> h.tool().name()).toList();
        assertThat(byWords).doesNotContain("send_sms");

        waitForHybrid();
        assertThat(top(PLUMBER)).startsWith("send_sms");
        assertThat(top("will it rain in Lyon tomorrow")).startsWith("get_weather_forecast");
        assertThat(top("put the dentist on my agenda for Tuesday at three")).startsWith("create_calendar_event");
        // Filters still apply after fusion.
        given().get("/tools?q=" + PLUMBER + "&read_only=true").then().statusCode(200)
                .body("tools.name", not(hasItem("send_sms")));
    }

    @Test
    void whatTheCallerMayNotUseIsNeverRankedAndStopWordsFindNothing() {
        waitForHybrid();
        assertThat(top("throw away the git repo of the old website")).doesNotContain("delete_repository")
                .isNotEmpty();
        given().get("/tools?q=the of and").then().statusCode(200).body("tools", empty());
    }

    @Test
    void aToolLeavingTheRegistryLeavesTheRankingAndTheRestIsEmbeddedAgain() {
        waitForHybrid();
        assertThat(top("how much do customers still owe us")).contains("list_invoices");
        ToolDefinition invoices = registry.find("list_invoices").orElseThrow().definition();
        registry.unregister("list_invoices");
        try {
            waitForHybrid();
            assertThat(top("how much do customers still owe us")).doesNotContain("list_invoices").isNotEmpty();
        } finally {
            registry.register(invoices);
        }
        waitForHybrid();
        assertThat(top("how much do customers still owe us")).contains("list_invoices");
    }

    private static List<String> top(String query) {
        Response r = given().get("/tools?q=" + query + "&limit=3");
        r.then().statusCode(200).header("Toolgate-Ranking", equalTo("hybrid:all-minilm-l6-v2"));
        return r.jsonPath().getList("tools.name", String.class);
    }

    /** Tools are embedded on a background thread after start-up and after each change. */
    private static void waitForHybrid() {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if ("hybrid:all-minilm-l6-v2".equals(given().get("/tools?q=weather").header("Toolgate-Ranking"))) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the catalogue was not embedded within 60 s");
    }
}

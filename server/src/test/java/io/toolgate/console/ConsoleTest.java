package io.toolgate.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The console's server side: its page and libraries served from the jar under a Content-Security-Policy without
 * inline scripts, the cross-site request guard on state-changing requests, one tool in one provider's format, and
 * the live call stream. (console-tests/ drives the pages themselves in Chromium.)
 */
@QuarkusTest
class ConsoleTest {

    @Test
    void thePageAndEveryScriptItLoadsAreServedFromTheJarUnderAStrictPolicy() {
        given().redirects().follow(false).get("/console").then().statusCode(302)
                .header("Location", equalTo("/console/"));
        String html = given().get("/console/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .extract().asString();
        assertThat(html).doesNotContain("<script>").doesNotContain(" on").doesNotContain("http://")
                .doesNotContain("https://");
        // Every script and style the page names (webjar versions included) is in the jar.
        Matcher m = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"").matcher(html);
        int found = 0;
        while (m.find()) {
            given().get(m.group(1)).then().statusCode(200);
            found++;
        }
        assertThat(found).isEqualTo(7); // Pico, console.css, Chart.js, Cytoscape, dagre, json-editor, app.js
    }

    @Test
    void aStateChangingRequestFromAnotherSitesPageIsRefused() {
        String body = "{\"amount\": 10, \"state\": \"NY\"}";
        for (String site : new String[] {"cross-site", "same-site"}) {
            given().contentType(ContentType.JSON).header("Sec-Fetch-Site", site).body(body)
                    .post("/tools/calculate_tax/invoke").then().statusCode(403)
                    .body("error.code", equalTo("CROSS_SITE_REQUEST"));
        }
        given().header("Sec-Fetch-Site", "cross-site").delete("/workflows/runs/run_x").then().statusCode(403);
        // A browser without Fetch Metadata: the Origin decides.
        given().contentType(ContentType.JSON).header("Origin", "http://evil.example").body(body)
                .post("/tools/calculate_tax/invoke").then().statusCode(403);
        given().contentType(ContentType.JSON).header("Origin", "null").body(body)
                .post("/tools/calculate_tax/invoke").then().statusCode(403);
        String self = RestAssured.baseURI + ":" + RestAssured.port; // http://127.0.0.1:<port>
        given().contentType(ContentType.JSON).header("Origin", self).body(body)
                .post("/tools/calculate_tax/invoke").then().statusCode(200);
        // The same machine by another name is another origin.
        given().contentType(ContentType.JSON).header("Origin", self.replace("127.0.0.1", "localhost")).body(body)
                .post("/tools/calculate_tax/invoke").then().statusCode(403);
        // The console itself, a typed address, and clients that are not browsers pass.
        given().contentType(ContentType.JSON).header("Sec-Fetch-Site", "same-origin").body(body)
                .post("/tools/calculate_tax/invoke").then().statusCode(200);
        given().contentType(ContentType.JSON).header("Sec-Fetch-Site", "none").body(body)
                .post("/tools/calculate_tax/invoke").then().statusCode(200);
        given().contentType(ContentType.JSON).body(body).post("/tools/calculate_tax/invoke").then().statusCode(200);
        // Reading is not guarded (a cross-site page cannot read the answer anyway).
        given().header("Sec-Fetch-Site", "cross-site").get("/tools").then().statusCode(200);
    }

    @Test
    void oneToolInOneProvidersFormat() {
        given().get("/tools/calculate_tax?format=gemini").then().statusCode(200)
                .body("name", equalTo("calculate_tax")).body("parameters.type", equalTo("OBJECT"));
        given().get("/tools/calculate_tax?format=openai&strict=true").then().statusCode(200)
                .body("function.strict", equalTo(true));
        given().get("/tools/calculate_tax?format=anthropic&strict=true").then().statusCode(400)
                .body("error.details[0].field", equalTo("strict"));
        given().get("/tools/calculate_tax?format=nope").then().statusCode(400)
                .body("error.details[0].field", equalTo("format"));
        given().get("/tools/calculate_tax").then().statusCode(200).body("lint", notNullValue())
                .body("policy.circuit_breaker.state", equalTo("closed"));
    }

    @Test
    void callsArriveOnTheEventStreamAsTheyHappen() throws Exception {
        try (CallStream stream = new CallStream("/calls/stream?tool=calculate_shipping")) {
            assertThat(stream.response.statusCode()).isEqualTo(200);
            assertThat(stream.response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            CompletableFuture<String> event = stream.firstData;
            // Another tool's call is filtered out; this one arrives.
            given().contentType(ContentType.JSON).body("{\"amount\": 5, \"state\": \"CA\"}")
                    .post("/tools/calculate_tax/invoke").then().statusCode(200);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!event.isDone() && System.nanoTime() < deadline) {
                given().contentType(ContentType.JSON).body("{\"weight_kg\": 2, \"destination_state\": \"NY\"}")
                        .post("/tools/calculate_shipping/invoke");
                Thread.sleep(200);
            }
            String data = event.get(1, TimeUnit.SECONDS);
            assertThat(data).contains("\"tool\":\"calculate_shipping\"").contains("\"door\":\"rest\"")
                    .doesNotContain("calculate_tax");
        }
    }
}

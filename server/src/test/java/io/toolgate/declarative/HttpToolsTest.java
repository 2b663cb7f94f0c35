package io.toolgate.declarative;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toolgate.tool.ToolRegistry;
import jakarta.inject.Inject;

/**
 * Declarative HTTP tools through the whole pipeline ({@code POST /tools/<name>/invoke}) against a local stub:
 * argument and response mapping, the secret, reloading the folder, OpenAPI import, SSRF refusals and the demo tools.
 */
@QuarkusTest
@TestProfile(HttpToolsProfile.class)
class HttpToolsTest {

    private static final String SECRET = System.getenv(HttpToolsProfile.SECRET_ENV);
    private static HttpStub stub;
    private static final List<String> logLines = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logLines.add(String.valueOf(r.getMessage()) + " " + java.util.Arrays.toString(r.getParameters())
                    + (r.getThrown() == null ? "" : " " + r.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    ToolRegistry registry;
    @Inject
    ToolFolder folder;

    @BeforeAll
    static void start() throws IOException {
        assertThat(SECRET).as("surefire sets " + HttpToolsProfile.SECRET_ENV).isNotBlank();
        stub = new HttpStub(HttpToolsProfile.stubPort());
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void stop() {
        Logger.getLogger("").removeHandler(CAPTURE);
        stub.close();
    }

    @BeforeEach
    void clear() {
        stub.requests.clear();
    }

    private static String port() {
        return String.valueOf(stub.port());
    }

    private void define(String file, String yaml) throws IOException {
        Files.writeString(HttpToolsProfile.folder().resolve(file), yaml.replace("{port}", port()));
        folder.reload();
    }

    private static final String ORDER_TOOL = """
            name: get_order_status
            title: Order status
            description: Looks up the status of one shop order by its order number, with optional details.
            parameters:
              type: object
              properties:
                order_id: {type: string, description: "The order number as printed on the receipt"}
                expand: {type: string, enum: [items, payments], description: "Which details to include as well"}
                tags: {type: array, items: {type: string}, description: "Labels to filter the order lines by"}
                trace_id: {type: string, description: "A tracing identifier passed to the shop service"}
              required: [order_id]
            method: GET
            url: http://127.0.0.1:{port}/shop/orders/{order_id}
            query:
              expand: "{expand}"
              tag: "{tags}"
              source: toolgate
            headers:
              X-Trace: "trace-{trace_id}"
            response:
              pointer: /order/status
            allowed_hosts: [127.0.0.1]
            allow_private_network: true
            read_only: true
            idempotent: true
            timeout: 5s
            max_concurrency: 4
            rate_limit: {calls: 100, period: 1m}
            """;

    @Test
    void pathQueryAndHeaderArgumentsAreMappedAndThePointerPicksTheResult() throws IOException {
        define("orders.yaml", ORDER_TOOL);
        stub.json("/shop/orders/A%2F1%20x", 200, "{\"order\":{\"id\":\"A/1 x\",\"status\":\"shipped\"}}");
        given().contentType("application/json")
                .body("{\"order_id\":\"A/1 x\",\"expand\":\"items\",\"tags\":[\"red\",\"b&w\"],\"trace_id\":\"t1\"}")
                .post("/tools/get_order_status/invoke").then().statusCode(200)
                .body("success", equalTo(true)).body("result", equalTo("shipped"));
        HttpStub.Recorded r = stub.last();
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.pathAndQuery())
                .isEqualTo("/shop/orders/A%2F1%20x?expand=items&tag=red&tag=b%26w&source=toolgate");
        assertThat(r.header("X-Trace")).isEqualTo("trace-t1");

        // Absent optional arguments leave their query parameter and header out; the schema is the pipeline's.
        stub.json("/shop/orders/B2", 200, "{\"order\":{\"status\":\"open\"}}");
        given().contentType("application/json").body("{\"order_id\":\"B2\"}")
                .post("/tools/get_order_status/invoke").then().statusCode(200).body("result", equalTo("open"));
        assertThat(stub.last().pathAndQuery()).isEqualTo("/shop/orders/B2?source=toolgate");
        assertThat(stub.last().header("X-Trace")).isNull();
        given().contentType("application/json").body("{\"order_id\":\"..\"}")
                .post("/tools/get_order_status/invoke").then().statusCode(422)
                .body("error.details[0].field", equalTo("order_id"));
        given().contentType("application/json").body("{\"order_id\":\"B2\",\"expand\":\"all\"}")
                .post("/tools/get_order_status/invoke").then().statusCode(422)
                .body("error.code", equalTo("VALIDATION_ERROR"));
        given().get("/tools/get_order_status").then().statusCode(200)
                .body("annotations.readOnlyHint", equalTo(true))
                .body("policy.timeout_ms", equalTo(5000))
                .body("policy.max_concurrency", equalTo(4))
                .body("policy.rate_limit.calls", equalTo(100))
                .body("policy.retry.max_retries", equalTo(2));
    }

    @Test
    void theBodyTemplateTakesTypedArgumentsAndJsonPathPicksTheResult() throws IOException {
        define("tickets.yaml", """
                name: create_support_ticket
                description: Opens a support ticket with a subject and a priority, and returns its number.
                parameters:
                  properties:
                    subject: {type: string, description: "One line saying what the problem is about"}
                    priority: {type: integer, minimum: 1, maximum: 3, description: "Urgency from 1 (high) to 3 (low)"}
                  required: [subject]
                method: POST
                url: http://127.0.0.1:{port}/desk/tickets
                body:
                  subject: "{subject}"
                  title: "Ticket: {subject}"
                  meta: {priority: "{priority}", source: toolgate}
                response:
                  jsonpath: $.ticket.id
                allow_private_network: true
                """);
        stub.json("/desk/tickets", 201, "{\"ticket\":{\"id\":\"T-77\"}}");
        given().contentType("application/json").body("{\"subject\":\"Printer on fire\",\"priority\":1}")
                .post("/tools/create_support_ticket/invoke").then().statusCode(200).body("result", equalTo("T-77"));
        assertThat(stub.last().method()).isEqualTo("POST");
        assertThat(stub.last().header("Content-Type")).startsWith("application/json");
        assertThat(stub.last().body()).isEqualTo("{\"subject\":\"Printer on fire\",\"title\":\"Ticket: Printer on"
                + " fire\",\"meta\":{\"priority\":1,\"source\":\"toolgate\"}}");
        given().contentType("application/json").body("{\"subject\":\"Quiet\"}")
                .post("/tools/create_support_ticket/invoke").then().statusCode(200);
        assertThat(stub.last().body()).isEqualTo("{\"subject\":\"Quiet\",\"title\":\"Ticket: Quiet\","
                + "\"meta\":{\"source\":\"toolgate\"}}");
    }

    @Test
    void theSecretReachesTheServiceAndNothingElse() throws IOException {
        define("charges.yaml", """
                name: list_recent_charges
                description: Lists the most recent card charges of the payment provider, newest first.
                parameters:
                  properties:
                    limit: {type: integer, minimum: 1, maximum: 10, description: "How many charges to return, 1 to 10"}
                url: http://127.0.0.1:{port}/pay/charges
                query: {limit: "{limit}"}
                auth: {header: Authorization, scheme: Bearer, secret_env: TOOLGATE_TEST_SECRET}
                allow_private_network: true
                """);
        // A service that echoes the credentials it got, in its answer and in its errors.
        stub.json("/pay/charges", 200, "{\"data\":[{\"id\":\"ch_1\"}],\"debug\":\"auth was Bearer " + SECRET + "\"}");
        String ok = given().contentType("application/json").body("{\"limit\":2}")
                .post("/tools/list_recent_charges/invoke").then().statusCode(200)
                .body("result.data[0].id", equalTo("ch_1")).extract().asString();
        assertThat(stub.last().header("Authorization")).isEqualTo("Bearer " + SECRET);
        assertThat(ok).doesNotContain(SECRET).contains("[redacted]");

        stub.json("/pay/charges", 401, "{\"error\":\"bad key " + SECRET + "\"}");
        String failed = given().contentType("application/json").body("{\"limit\":2}")
                .post("/tools/list_recent_charges/invoke").then().statusCode(502)
                .body("error.code", equalTo("UPSTREAM_ERROR"))
                .body("error.message", containsString("HTTP 401")).extract().asString();
        assertThat(failed).doesNotContain(SECRET);

        for (String path : List.of("/tools", "/tools?format=openai", "/tools/list_recent_charges", "/calls",
                "/tool-sources")) {
            assertThat(given().get(path).then().statusCode(200).extract().asString()).as(path)
                    .doesNotContain(SECRET);
        }
        assertThat(logLines).isNotEmpty().noneMatch(line -> line.contains(SECRET));
    }

    @Test
    void changedFilesAreReloadedAndListenersFire() throws IOException {
        AtomicInteger changes = new AtomicInteger();
        registry.onChange(changes::incrementAndGet);
        Path file = HttpToolsProfile.folder().resolve("quotes.json");
        String v1 = """
                {"name": "get_stock_quote", "description": "Returns the latest price of one stock by its ticker symbol.",
                 "parameters": {"properties": {"symbol": {"type": "string", "description": "Ticker symbol such as ACME or GLOBX"}},
                                "required": ["symbol"]},
                 "url": "http://127.0.0.1:{port}/quotes/{symbol}", "allow_private_network": true}
                """.replace("{port}", port());
        Files.writeString(file, v1);
        // The poller (every 300 ms) picks it up; no explicit reload.
        await(() -> registry.find("get_stock_quote").isPresent());
        assertThat(changes.get()).isGreaterThanOrEqualTo(1);

        int before = changes.get();
        Files.writeString(file, v1.replace("latest price", "latest traded price"));
        await(() -> registry.find("get_stock_quote").map(t -> t.definition().description().contains("traded"))
                .orElse(false));
        // The registry publishes the new snapshot before it tells its listeners: wait for them too.
        await(() -> changes.get() >= before + 2);
        assertThat(changes.get()).as("unregister + register").isGreaterThanOrEqualTo(before + 2);

        // A broken file is reported and takes nothing down, not even its own previous version.
        Files.writeString(file, "{\"name\": \"get_stock_quote\", \"description\": ");
        Files.writeString(HttpToolsProfile.folder().resolve("broken.yaml"), "name: [unclosed\n");
        folder.reload();
        assertThat(registry.find("get_stock_quote")).isPresent();
        given().get("/tool-sources").then().statusCode(200)
                .body("sources.find { it.source == 'broken.yaml' }.problem", containsString("not valid YAML"))
                .body("sources.find { it.source == 'quotes.json' }.problem",
                        containsString("still serving its previous version"))
                .body("sources.find { it.source == 'quotes.json' }.tools", hasItem("get_stock_quote"));
        given().get("/tools").then().body("tools.name", hasItems("get_stock_quote", "search_products"));

        Files.delete(file);
        Files.delete(HttpToolsProfile.folder().resolve("broken.yaml"));
        await(() -> registry.find("get_stock_quote").isEmpty());
        given().get("/tool-sources").then().body("sources.source", not(hasItem("quotes.json")));
    }

    @Test
    void rolesFromTheFileGuardTheTool() throws IOException {
        define("payroll.yaml", """
                name: get_payroll_summary
                description: Returns this month's payroll totals per department, for the finance team only.
                url: http://127.0.0.1:{port}/payroll
                roles: [finance]
                allow_private_network: true
                """);
        assertThat(registry.find("get_payroll_summary")).isPresent();
        // The anonymous caller of this profile has only the admin role.
        given().get("/tools").then().body("tools.name", not(hasItem("get_payroll_summary")));
        given().contentType("application/json").body("{}").post("/tools/get_payroll_summary/invoke").then()
                .statusCode(403).body("error.code", equalTo("FORBIDDEN"));
        assertThat(stub.requests).isEmpty();
        Files.delete(HttpToolsProfile.folder().resolve("payroll.yaml"));
        folder.reload();
    }

    @Test
    void badDefinitionsAreReportedWithTheirReason() throws IOException {
        define("bad-host.yaml", """
                name: fetch_anything
                description: Fetches whatever URL the model asks for, which must not be possible.
                parameters:
                  properties:
                    target: {type: string, description: "Where to send the request to, any host"}
                url: "{target}/x"
                """);
        define("bad-param.yaml", """
                name: get_invoice_pdf
                description: Downloads an invoice as a PDF document by its invoice number.
                url: https://billing.example.com/invoices/{invoice}
                """);
        given().get("/tool-sources").then()
                .body("sources.find { it.source == 'bad-host.yaml' }.problem", containsString("fixed host"))
                .body("sources.find { it.source == 'bad-param.yaml' }.problem", containsString("{invoice}"));
        assertThat(registry.find("fetch_anything")).isEmpty();
        Files.delete(HttpToolsProfile.folder().resolve("bad-host.yaml"));
        Files.delete(HttpToolsProfile.folder().resolve("bad-param.yaml"));
        folder.reload();
    }

    @Test
    void ssrfRefusalsAreRefusalsThroughThePipeline() throws IOException {
        define("internal.yaml", """
                name: read_internal_status
                description: Reads the status page of a service that happens to live on the loopback interface.
                url: http://127.0.0.1:{port}/status
                """);
        given().contentType("application/json").body("{}").post("/tools/read_internal_status/invoke").then()
                .statusCode(422).body("error.code", equalTo("TOOL_REFUSED"))
                .body("error.message", containsString("outbound request refused"))
                .body("error.message", containsString("loopback"));
        assertThat(stub.requests).isEmpty();

        define("jumpy.yaml", """
                name: follow_status_link
                description: Reads a status page that answers with a redirect to the cloud metadata service.
                url: http://127.0.0.1:{port}/jump
                allow_private_network: true
                """);
        stub.redirect("/jump", 302, "http://169.254.169.254/latest/meta-data/");
        given().contentType("application/json").body("{}").post("/tools/follow_status_link/invoke").then()
                .statusCode(422).body("error.code", equalTo("TOOL_REFUSED"))
                .body("error.message", containsString("not in this tool's allowed hosts"));
        assertThat(stub.requests).hasSize(1);
        Files.delete(HttpToolsProfile.folder().resolve("internal.yaml"));
        Files.delete(HttpToolsProfile.folder().resolve("jumpy.yaml"));
        folder.reload();
    }

    @Test
    void openApiOperationsBecomeTools() {
        given().get("/tools").then().statusCode(200)
                .body("tools.name", hasItems("list_pets", "create_pet", "get_pet_by_id"))
                .body("tools.name", not(hasItem("delete_pet")))
                .body("tools.find { it.name == 'create_pet' }.inputSchema.properties.body.properties.species.enum",
                        hasItems("dog", "cat"))
                .body("tools.find { it.name == 'create_pet' }.inputSchema.required", hasItem("body"))
                .body("tools.find { it.name == 'get_pet_by_id' }.inputSchema.required", hasItem("pet_id"));
        stub.json("/api/pets/42", 200, "{\"id\":42,\"name\":\"Rex\"}");
        given().contentType("application/json").body("{\"pet_id\":42}").post("/tools/get_pet_by_id/invoke").then()
                .statusCode(200).body("result.name", equalTo("Rex"));
        assertThat(stub.last().header("X-Api-Key")).isEqualTo(SECRET);
        given().contentType("application/json").body("{\"pet_id\":0}").post("/tools/get_pet_by_id/invoke").then()
                .statusCode(422);

        stub.json("/api/pets", 201, "{\"id\":7}");
        given().contentType("application/json")
                .body("{\"x_request_id\":\"r-1\",\"body\":{\"name\":\"Tom\",\"species\":\"cat\",\"age\":null}}")
                .post("/tools/create_pet/invoke").then().statusCode(200).body("result.id", equalTo(7));
        assertThat(stub.last().header("X-Request-Id")).isEqualTo("r-1");
        assertThat(stub.last().body()).isEqualTo("{\"name\":\"Tom\",\"species\":\"cat\",\"age\":null}");
        given().contentType("application/json").body("{\"species\":\"dog\",\"limit\":2}")
                .post("/tools/list_pets/invoke").then().statusCode(200);
        assertThat(stub.last().pathAndQuery()).isEqualTo("/api/pets?species=dog&limit=2");
        given().get("/tool-sources").then()
                .body("sources.find { it.source == 'openapi:petstore' }.tools", hasItems("list_pets", "create_pet"));
    }

    @Test
    void demoWeatherGeocodesThenReadsTheForecast() {
        stub.json("/geo/v1/search", 200,
                "{\"results\":[{\"name\":\"Berlin\",\"country\":\"Germany\",\"latitude\":52.52,\"longitude\":13.41}]}");
        stub.json("/meteo/v1/forecast", 200, "{\"latitude\":52.52,\"longitude\":13.42,\"current\":{\"time\":"
                + "\"2026-11-24T15:00\",\"temperature_2m\":38.1,\"relative_humidity_2m\":80,\"wind_speed_10m\":12.5,"
                + "\"weather_code\":3}}");
        given().contentType("application/json").body("{\"location\":\"Berlin\",\"unit\":\"fahrenheit\"}")
                .post("/tools/get_weather/invoke").then().statusCode(200)
                .body("result.location", equalTo("Berlin, Germany"))
                .body("result.temperature", equalTo(38.1f))
                .body("result.unit", equalTo("fahrenheit"));
        assertThat(stub.requests.get(0).pathAndQuery()).isEqualTo("/geo/v1/search?name=Berlin&count=1&format=json");
        assertThat(stub.requests.get(1).pathAndQuery()).startsWith("/meteo/v1/forecast?latitude=52.52&longitude=13.41")
                .endsWith("&temperature_unit=fahrenheit");

        stub.requests.clear();
        given().contentType("application/json").body("{\"location\":\"48.85, 2.35\"}")
                .post("/tools/get_weather/invoke").then().statusCode(200).body("result.unit", equalTo("celsius"));
        assertThat(stub.requests).hasSize(1);

        stub.json("/geo/v1/search", 200, "{}");
        given().contentType("application/json").body("{\"location\":\"Atlantis\"}")
                .post("/tools/get_weather/invoke").then().statusCode(422)
                .body("error.message", containsString("no place named 'Atlantis'"));
    }

    @Test
    void demoExternalApiCallsTheChosenServiceWithItsSecret() {
        stub.json("/pay/v1/charges", 200, "{\"data\":[],\"echo\":\"" + SECRET + "\"}");
        String body = given().contentType("application/json")
                .body("{\"service\":\"stubpay\",\"action\":\"v1/charges\",\"params\":{\"limit\":3}}")
                .post("/tools/call_external_api/invoke").then().statusCode(200).extract().asString();
        assertThat(body).doesNotContain(SECRET);
        assertThat(stub.last().pathAndQuery()).isEqualTo("/pay/v1/charges?limit=3");
        assertThat(stub.last().header("Authorization")).isEqualTo("Bearer " + SECRET);
        given().contentType("application/json")
                .body("{\"service\":\"stripe\",\"action\":\"v1/charges\"}")
                .post("/tools/call_external_api/invoke").then().statusCode(422);
        given().contentType("application/json")
                .body("{\"service\":\"stubpay\",\"action\":\"../admin\"}")
                .post("/tools/call_external_api/invoke").then().statusCode(422);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

}

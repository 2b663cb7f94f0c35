package io.toolgate.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.toolgate.SecuredProfile;

/** Per-tool roles (annotation and config), listing filtered in every format, exposure, caller-aware tools. */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class AuthorizationTest {

    private static RequestSpecification as(String key) {
        return given().header("X-API-Key", key).contentType("application/json");
    }

    @Test
    void toolsACallerMayNotCallAreNotListedInAnyFormat() {
        as(SecuredProfile.ALICE).get("/tools").then().statusCode(200)
                .body("tools.name", hasItem("search_products"))
                .body("tools.name", not(hasItem("calculate_tax")))
                .body("tools.name", not(hasItem("read_admin_report")));
        as(SecuredProfile.ALICE).get("/tools?format=openai").then()
                .body("function.name", not(hasItem("calculate_tax")));
        as(SecuredProfile.ALICE).get("/tools?format=anthropic").then()
                .body("name", not(hasItem("read_admin_report")));
        as(SecuredProfile.ALICE).get("/tools/calculate_tax").then().statusCode(404);
        as(SecuredProfile.ROOT).get("/tools").then()
                .body("tools.name", hasItem("calculate_tax"))
                .body("tools.name", hasItem("read_admin_report"));
        as(SecuredProfile.ROOT).get("/tools/calculate_tax").then().body("policy.roles", hasItem("finance"));
    }

    @Test
    void callingAToolWithoutItsRoleIsForbidden() {
        as(SecuredProfile.ALICE).body("{\"amount\":10,\"state\":\"CA\"}").post("/tools/calculate_tax/invoke")
                .then().statusCode(403).body("error.code", equalTo("FORBIDDEN"))
                .body("error.message", containsString("finance"));
        as(SecuredProfile.BOB).post("/tools/read_admin_report/invoke").then().statusCode(403);
        as(SecuredProfile.ROOT).post("/tools/read_admin_report/invoke").then().statusCode(200)
                .body("result", equalTo("confidential"));
        // The batch door goes through the same stage.
        as(SecuredProfile.ALICE).body("{\"tool_calls\":[{\"id\":\"c1\",\"function\":{\"name\":\"read_admin_report\","
                + "\"arguments\":\"{}\"}}]}").post("/tools/batch").then().statusCode(200)
                .body("results[0].error.code", equalTo("FORBIDDEN"));
    }

    @Test
    void theMcpDoorListsAndCallsAsTheAuthenticatedCaller() {
        String list = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"cursor\":null}}";
        mcp(SecuredProfile.ALICE).body(list).post("/mcp").then().statusCode(200)
                .body("result.tools.name", not(hasItem("calculate_tax")));
        mcp(SecuredProfile.ROOT).body(list).post("/mcp").then().statusCode(200)
                .body("result.tools.name", hasItem("calculate_tax"));
        mcp(SecuredProfile.ALICE).body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"read_admin_report\",\"arguments\":{}}}").post("/mcp").then().statusCode(200)
                .body("result.isError", equalTo(true))
                .body("result.content[0].text", containsString("FORBIDDEN"));
        given().contentType("application/json").header("Accept", "application/json, text/event-stream")
                .body(list).post("/mcp").then().statusCode(401);
    }

    private static RequestSpecification mcp(String key) {
        return as(key).header("Accept", "application/json, text/event-stream");
    }

    @Test
    void deniedToolsAreNotServedAtAll() {
        as(SecuredProfile.ROOT).get("/tools/fail_with_message").then().statusCode(404);
        as(SecuredProfile.ROOT).post("/tools/fail_with_message/invoke").then().statusCode(404)
                .body("error.code", equalTo("FUNCTION_NOT_FOUND"));
    }

    @Test
    void aProfileShowsOnlyWhatTheCallerMaySee() {
        as(SecuredProfile.ALICE).body("{\"user_id\":12345}").post("/tools/get_user_profile/invoke").then()
                .statusCode(200).body("result.email", equalTo("alice.johnson@example.com"))
                .body("result.restricted", equalTo(false));
        as(SecuredProfile.ALICE).body("{\"user_id\":10001}").post("/tools/get_user_profile/invoke").then()
                .statusCode(200).body("result.name", equalTo("Bob Smith"))
                .body("result.email", nullValue())
                .body("result.restricted", equalTo(true));
        as(SecuredProfile.ROOT).body("{\"user_id\":10001}").post("/tools/get_user_profile/invoke").then()
                .statusCode(200).body("result.email", notNullValue());
        // The caller is injected, never an argument the model could forge.
        as(SecuredProfile.ALICE).get("/tools/get_user_profile").then()
                .body("inputSchema.properties.caller", nullValue());
        as(SecuredProfile.ALICE).body("{\"user_id\":10001,\"caller\":{\"principal\":\"root\"}}")
                .post("/tools/get_user_profile/invoke").then().statusCode(422);
    }

    @Test
    void theAuditLogFiltersByToolPrincipalAndCodeNewestFirst() throws InterruptedException {
        // On H2 only the primary key is indexed (db/migration-h2/V36): the filters are applied while reading it.
        String tag = "audit-filter-" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            as(SecuredProfile.ALICE).body("{\"query\":\"" + tag + "\"}").post("/tools/search_products/invoke")
                    .then().statusCode(200);
        }
        as(SecuredProfile.BOB).body("{\"query\":\"" + tag + "\"}").post("/tools/search_products/invoke");
        as(SecuredProfile.ALICE).body("{\"amount\":10,\"state\":\"CA\"}").post("/tools/calculate_tax/invoke")
                .then().statusCode(403);
        String query = "/audit?tool=search_products&principal=alice&limit=1000";
        java.util.List<java.util.Map<String, Object>> records = java.util.List.of();
        for (int attempt = 0; attempt < 50; attempt++) { // rows are written off the request path
            records = as(SecuredProfile.ROOT).get(query).then().statusCode(200).extract().jsonPath()
                    .getList("records");
            if (records.stream().filter(r -> String.valueOf(r.get("arguments")).contains(tag)).count() == 3) {
                break;
            }
            Thread.sleep(100);
        }
        org.assertj.core.api.Assertions.assertThat(records)
                .filteredOn(r -> String.valueOf(r.get("arguments")).contains(tag)).hasSize(3);
        org.assertj.core.api.Assertions.assertThat(records).allSatisfy(r -> {
            org.assertj.core.api.Assertions.assertThat(r.get("tool")).isEqualTo("search_products");
            org.assertj.core.api.Assertions.assertThat(r.get("principal")).isEqualTo("alice");
        });
        java.util.List<String> times = records.stream().map(r -> String.valueOf(r.get("at"))).toList();
        org.assertj.core.api.Assertions.assertThat(times)
                .isSortedAccordingTo(java.util.Comparator.comparing(java.time.Instant::parse).reversed());
        as(SecuredProfile.ROOT).get("/audit?principal=alice&code=FORBIDDEN&limit=1000").then().statusCode(200)
                .body("records.tool", hasItem("calculate_tax"))
                .body("records.code", everyItem(equalTo("FORBIDDEN")))
                .body("records.principal", everyItem(equalTo("alice")));
        // Paged one record at a time by the cursor: the same records, in the same order, none twice.
        java.util.List<Object> paged = new java.util.ArrayList<>();
        String next = null;
        do {
            io.restassured.path.json.JsonPath page = as(SecuredProfile.ROOT)
                    .get(query.replace("limit=1000", "limit=1") + (next == null ? "" : "&before=" + next)).then()
                    .statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("records.request_id"));
            next = page.getString("next");
        } while (next != null && paged.size() <= records.size());
        org.assertj.core.api.Assertions.assertThat(paged)
                .containsExactlyElementsOf(records.stream().map(r -> r.get("request_id")).toList());
    }

    @Test
    void aCallerSeesOnlyItsOwnRecentCallsAndAnAdminSeesEveryone() {
        String tag = "own-calls-" + System.nanoTime();
        as(SecuredProfile.ALICE).body("{\"query\":\"" + tag + "\"}").post("/tools/search_products/invoke").then()
                .statusCode(200);
        as(SecuredProfile.BOB).body("{\"query\":\"" + tag + "\"}").post("/tools/search_products/invoke");
        as(SecuredProfile.ALICE).get("/calls?tool=search_products&limit=1000").then().statusCode(200)
                .body("calls.principal", everyItem(equalTo("alice")))
                .body("calls.arguments.query", hasItem(tag));
        as(SecuredProfile.ROOT).get("/calls?tool=search_products&limit=1000").then().statusCode(200)
                .body("calls.principal", hasItem("alice")).body("calls.principal", hasItem("bob"));
    }

    @Test
    void theAuditLogIsForAdminsOnly() {
        // One rule and one answer for every admin-only request (AdminRole).
        for (String path : new String[] { "/audit", "/tool-sources" }) {
            as(SecuredProfile.ALICE).get(path).then().statusCode(403).body("error.code", equalTo("FORBIDDEN"))
                    .body("error.details[0].field", equalTo("(caller)"))
                    .body("error.message", org.hamcrest.Matchers.containsString("needs the role"));
        }
        as(SecuredProfile.ROOT).get("/tool-sources").then().statusCode(200);
        as(SecuredProfile.ROOT).get("/audit?limit=5").then().statusCode(200).body("records", notNullValue());
        as(SecuredProfile.ROOT).get("/audit?before=yesterday").then().statusCode(400)
                .body("error.details[0].field", equalTo("before"));
    }
}

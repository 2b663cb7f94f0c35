package io.toolgate.demo.datatools;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.response.Response;
import io.toolgate.db.Database;
import jakarta.inject.Inject;

/**
 * execute_sql_query against the injection corpus and query_database against hostile arguments, over REST through the
 * whole pipeline, run once per database (see the subclasses). The last test shows that every table still holds its
 * seed rows afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SqlToolsContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    // The seed of V2 and V3: what must still be there after every attack.
    private static final Map<String, Integer> SEED_ROWS = seedRows();

    @Inject
    Database database;

    private static Map<String, Integer> seedRows() {
        Map<String, Integer> rows = new LinkedHashMap<>();
        rows.put("customers", 12);
        rows.put("products", 44);
        rows.put("orders", 10);
        rows.put("order_lines", 14);
        rows.put("states", 51);
        rows.put("shipping_zones", 5);
        return rows;
    }

    static Response call(String tool, Object arguments) {
        return given().contentType("application/json").body(arguments instanceof String s ? s : toJson(arguments))
                .post("/tools/" + tool + "/invoke");
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.toolgate.demo.datatools.SecurityCorpus#sql")
    void sqlCorpusCase(SecurityCorpus.SqlCase c) {
        ObjectNode args = JSON.createObjectNode().put("query", c.fullQuery());
        if (c.database() != null) {
            args.put("database", c.database());
        }
        Response response = call("execute_sql_query", args.toString());
        String body = response.asString();
        assertThat(response.statusCode()).as(body).isEqualTo(c.status());
        // Whatever happened, nothing of the server's insides reaches the caller.
        assertThat(body).doesNotContain("Exception").doesNotContain("at io.").doesNotContain("net.sf.jsqlparser")
                .doesNotContain("org.h2").doesNotContain("org.postgresql");
        if (c.status() == 200) {
            response.then().body("success", equalTo(true)).body("result.database", equalTo("shop"));
            if (c.rows() != null) {
                response.then().body("result.row_count", equalTo(c.rows())).body("result.rows", hasSize(c.rows()));
            }
            response.then().body("result.truncated", equalTo(Boolean.TRUE.equals(c.truncated())));
        } else {
            response.then().body("success", equalTo(false)).body("error.code", equalTo(c.code()));
            if (c.message() != null) {
                response.then().body("error.message", containsString(c.message()));
            }
        }
    }

    @Order(2)
    @Test
    void queryDatabaseFiltersWithBoundValues() {
        call("query_database", "{\"table\":\"orders\",\"filters\":[{\"column\":\"customer_id\",\"op\":\"=\","
                + "\"value\":\"12345\"},{\"column\":\"total\",\"op\":\">\",\"value\":\"500\"}]}")
                .then().statusCode(200)
                .body("result.table", equalTo("orders"))
                .body("result.row_count", equalTo(1))
                .body("result.rows[0].id", equalTo(5001))
                .body("result.rows[0].ordered_at", equalTo("2025-01-10"));
        call("query_database", "{\"table\":\"customers\",\"filters\":[{\"column\":\"name\",\"op\":\"like\","
                + "\"value\":\"%son%\"}],\"limit\":5}")
                .then().statusCode(200).body("result.rows.name", everyItem(containsString("son")));
        call("query_database", "{\"table\":\"orders\",\"filters\":[{\"column\":\"ordered_at\",\"op\":\">=\","
                + "\"value\":\"2025-03-01\"}]}")
                .then().statusCode(200).body("result.row_count", equalTo(4));
        call("query_database", "{\"table\":\"products\",\"limit\":3}").then().statusCode(200)
                .body("result.row_count", equalTo(3)).body("result.truncated", equalTo(true));
    }

    @Order(2)
    @Test
    void queryDatabaseTreatsInjectionAsData() {
        call("query_database", "{\"table\":\"customers\",\"filters\":[{\"column\":\"name\",\"op\":\"=\","
                + "\"value\":\"x' OR '1'='1\"}]}")
                .then().statusCode(200).body("result.row_count", equalTo(0));
        call("query_database", "{\"table\":\"orders\",\"filters\":[{\"column\":\"status\",\"op\":\"=\","
                + "\"value\":\"shipped'; DROP TABLE orders; --\"}]}")
                .then().statusCode(200).body("result.row_count", equalTo(0));
        call("query_database", "{\"table\":\"orders\",\"filters\":[{\"column\":\"id; DROP TABLE orders\","
                + "\"op\":\"=\",\"value\":\"1\"}]}")
                .then().statusCode(422).body("error.code", equalTo("TOOL_REFUSED"))
                .body("error.message", containsString("has no column id; DROP TABLE orders"))
                .body("error.message", containsString("customer_id"));
        call("query_database", "{\"table\":\"orders\",\"filters\":[{\"column\":\"total\",\"op\":\">\","
                + "\"value\":\"1 OR 1=1\"}]}")
                .then().statusCode(422).body("error.message", containsString("holds number values"));
        call("query_database", "{\"table\":\"orders\",\"filters\":[{\"column\":\"total\",\"op\":\"like\","
                + "\"value\":\"1%\"}]}")
                .then().statusCode(422).body("error.message", containsString("is not text"));
    }

    @Order(2)
    @Test
    void queryDatabaseArgumentsOutsideTheSchemaAreRefusedBeforeTheTool() {
        call("query_database", "{\"table\":\"states\"}").then().statusCode(422)
                .body("error.details[0].field", equalTo("table")).body("error.details[0].rule", equalTo("enum"));
        call("query_database", "{\"table\":\"pg_user\"}").then().statusCode(422);
        call("query_database", "{\"table\":\"orders\",\"filters\":[{\"column\":\"id\",\"op\":\"OR 1=1 --\","
                + "\"value\":\"1\"}]}").then().statusCode(422).body("error.code", equalTo("VALIDATION_ERROR"));
        call("query_database", "{\"table\":\"orders\",\"limit\":101}").then().statusCode(422);
        call("query_database", "{\"table\":\"orders\",\"limit\":0}").then().statusCode(422);
        call("query_database", "{\"table\":\"orders\",\"sql\":\"DROP TABLE orders\"}").then().statusCode(422);
    }

    @Order(3)
    @Test
    void everyTableStillHoldsItsSeedRowsAfterTheAttacks() throws Exception {
        try (Connection c = database.dataSource().getConnection()) {
            for (Map.Entry<String, Integer> table : SEED_ROWS.entrySet()) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table.getKey())) {
                    rs.next();
                    assertThat(rs.getInt(1)).as(table.getKey()).isEqualTo(table.getValue());
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT SUM(price) FROM products")) {
                rs.next();
                assertThat(rs.getBigDecimal(1).signum()).as("no price was zeroed").isPositive();
            }
        }
    }
}

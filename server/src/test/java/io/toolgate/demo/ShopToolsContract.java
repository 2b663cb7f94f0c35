package io.toolgate.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static io.toolgate.support.NumberMatchers.number;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import io.toolgate.db.Database;
import jakarta.inject.Inject;

/** The demo shop's behaviour, run once per database (see the subclasses). */
abstract class ShopToolsContract {

    @Inject
    Database database;

    static Response call(String tool, String arguments) {
        return given().contentType("application/json").body(arguments).post("/tools/" + tool + "/invoke");
    }

    @Test
    void theSeedHasTheCatalogueTheExamplesNeed() throws Exception {
        try (Connection c = database.dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT COUNT(*), COUNT(DISTINCT category), SUM(CASE WHEN id LIKE 'LAP-%' THEN 1 ELSE 0 END)"
                                + " FROM products")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(40);
            assertThat(rs.getInt(2)).isEqualTo(5);
            assertThat(rs.getInt(3)).isGreaterThanOrEqualTo(3);
        }
        try (Connection c = database.dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM customers")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void searchFindsLaptopsByRelevanceWithinFilters() {
        call("search_products", "{\"query\":\"laptop\",\"category\":\"electronics\",\"max_price\":1500}")
                .then().statusCode(200)
                .body("result.count", greaterThanOrEqualTo(3))
                .body("result.results.category", everyItem(equalTo("electronics")))
                .body("result.results.price", everyItem(org.hamcrest.Matchers.<Number>either(number(1500)).or(numberBelow(1500))))
                .body("result.results.in_stock", everyItem(equalTo(true)))
                .body("result.results.product_id", hasItem("LAP-001"))
                .body("result.results[0].name", containsString("Laptop"));
    }

    @Test
    void searchIncludesOutOfStockOnlyWhenAskedAndCapsAtTen() {
        call("search_products", "{\"query\":\"laptop gaming\",\"in_stock_only\":true}").then().statusCode(200)
                .body("result.results.product_id", org.hamcrest.Matchers.not(hasItem("LAP-004")));
        call("search_products", "{\"query\":\"laptop gaming\",\"in_stock_only\":false}").then().statusCode(200)
                .body("result.results[0].product_id", equalTo("LAP-004"));
        List<?> many = call("search_products", "{\"query\":\"a e i o u book laptop wool\",\"in_stock_only\":false}")
                .then().statusCode(200).extract().path("result.results");
        assertThat(many).hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void aQueryOfOnlyWildcardsIsRefusedWithAReason() {
        call("search_products", "{\"query\":\"%_%\"}").then().statusCode(422)
                .body("error.message", containsString("no searchable word"));
    }

    static org.hamcrest.Matcher<Number> numberBelow(double limit) {
        return new org.hamcrest.CustomTypeSafeMatcher<>("a number below " + limit) {
            @Override
            protected boolean matchesSafely(Number n) {
                return n.doubleValue() < limit;
            }
        };
    }

    static org.hamcrest.Matcher<Number> numberAbove(double limit) {
        return new org.hamcrest.CustomTypeSafeMatcher<>("a number above " + limit) {
            @Override
            protected boolean matchesSafely(Number n) {
                return n.doubleValue() > limit;
            }
        };
    }

    @Test
    void lookupCustomerFindsTheExampleCustomer() {
        call("lookup_customer", "{\"customer_id\":12345}").then().statusCode(200)
                .body("result.name", equalTo("Alice Johnson"))
                .body("result.state", equalTo("CA"))
                .body("result.member_since", equalTo("2019-04-12"));
        call("lookup_customer", "{\"customer_id\":99999}").then().statusCode(422)
                .body("error.code", equalTo("TOOL_REFUSED"))
                .body("error.message", containsString("no customer has ID 99999"));
        call("lookup_customer", "{\"customer_id\":-1}").then().statusCode(422);
    }

    @Test
    void availabilityComparesStockWithQuantity() {
        call("check_product_availability", "{\"product_id\":\"LAP-002\",\"quantity\":2}").then().statusCode(200)
                .body("result.available", equalTo(true))
                .body("result.stock", equalTo(8));
        call("check_product_availability", "{\"product_id\":\"LAP-002\",\"quantity\":9}").then().statusCode(200)
                .body("result.available", equalTo(false))
                .body("result.message", containsString("only 8"));
        call("check_product_availability", "{\"product_id\":\"XYZ-999\",\"quantity\":1}").then().statusCode(422)
                .body("error.message", containsString("search_products"));
    }

    @Test
    void shippingAndTaxFollowTheStateTables() {
        // CA: zone 1, 5.99 + 0.50/kg; tax 7.25 %
        call("calculate_shipping", "{\"weight_kg\":2,\"destination_state\":\"CA\"}").then().statusCode(200)
                .body("result.zone", equalTo(1))
                .body("result.cost", number(6.99));
        call("calculate_tax", "{\"amount\":100,\"state\":\"CA\"}").then().statusCode(200)
                .body("result.tax", number(7.25))
                .body("result.total", number(107.25));
        call("calculate_tax", "{\"amount\":100,\"state\":\"OR\"}").then().statusCode(200)
                .body("result.tax", number(0));
    }

    @Test
    void totalPriceAddsLinesShippingAndTax() {
        // 2 x LAP-001 (899.00, 1.4 kg) to TX: subtotal 1798, shipping 7.99 + 0.75 * 2.8 = 10.09, tax 6.25 %
        call("calculate_total_price", "{\"items\":[{\"product_id\":\"LAP-001\",\"quantity\":2}],"
                + "\"destination_state\":\"TX\"}").then().statusCode(200)
                .body("result.lines[0].line_total", number(1798))
                .body("result.subtotal", number(1798))
                .body("result.shipping", number(10.09))
                .body("result.tax", number(112.38))
                .body("result.total", number(1920.47))
                .body("result.currency", equalTo("USD"));
        call("calculate_total_price", "{\"items\":[],\"destination_state\":\"TX\"}").then().statusCode(422)
                .body("error.details[0].rule", equalTo("minItems"));
        call("calculate_total_price", "{\"items\":[{\"product_id\":\"LAP-001\",\"quantity\":1},"
                + "{\"product_id\":\"BOO-004\",\"quantity\":3}],\"destination_state\":\"NY\"}").then()
                .statusCode(200).body("result.lines.size()", equalTo(2))
                .body("result.total", numberAbove(900));
    }
}

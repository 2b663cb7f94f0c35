package io.toolgate.demo.datatools;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The tables the data tools may read; every other table of the database is out of their reach. */
public enum ShopTable {
    @JsonProperty("customers")
    CUSTOMERS,
    @JsonProperty("products")
    PRODUCTS,
    @JsonProperty("orders")
    ORDERS,
    @JsonProperty("order_lines")
    ORDER_LINES;

    public String tableName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Set<String> names() {
        return Arrays.stream(values()).map(ShopTable::tableName).collect(Collectors.toUnmodifiableSet());
    }
}

package io.toolgate.demo.datatools;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The databases execute_sql_query can query: only the configured shop database. An enum rather than a name or a
 * JDBC URL, so a model cannot point the tool at another database.
 */
public enum ShopDatabase {
    @JsonProperty("shop")
    SHOP;

    public String id() {
        return "shop";
    }
}

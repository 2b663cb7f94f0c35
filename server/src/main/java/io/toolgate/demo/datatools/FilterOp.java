package io.toolgate.demo.datatools;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Comparison operators of query_database; the SQL text comes from here, never from the arguments. */
public enum FilterOp {
    @JsonProperty("=")
    EQ("="),
    @JsonProperty("!=")
    NE("<>"),
    @JsonProperty("<")
    LT("<"),
    @JsonProperty("<=")
    LE("<="),
    @JsonProperty(">")
    GT(">"),
    @JsonProperty(">=")
    GE(">="),
    @JsonProperty("like")
    LIKE("LIKE");

    private final String sql;

    FilterOp(String sql) {
        this.sql = sql;
    }

    String sql() {
        return sql;
    }
}

package io.toolgate.demo;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Product categories of the demo shop. */
public enum Category {
    @JsonProperty("electronics")
    ELECTRONICS,
    @JsonProperty("clothing")
    CLOTHING,
    @JsonProperty("home")
    HOME,
    @JsonProperty("sports")
    SPORTS,
    @JsonProperty("books")
    BOOKS;

    public String id() {
        return name().toLowerCase();
    }
}

package io.toolgate.demo.datatools;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** One condition of query_database: column, operator, value. */
public record ColumnFilter(
        @JsonPropertyDescription("Column of the table, for example customer_id or status") @NotBlank @Size(max = 64)
        String column,
        @JsonPropertyDescription("Comparison operator; like takes % and _ wildcards and works on text columns")
        @NotNull FilterOp op,
        @JsonPropertyDescription("Value to compare with: a number, text, or a date as YYYY-MM-DD") @NotNull
        @Size(max = 200) String value) {
}

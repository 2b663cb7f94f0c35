package io.toolgate.demo.datatools;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import jakarta.validation.constraints.NotNull;

/** Result types of the data tools; records, so their output schemas are generated. */
public final class DataResults {

    private DataResults() {
    }

    /** Rows as the database returned them, before a tool shapes them. */
    public record Rows(List<String> columns, List<List<Object>> values, boolean truncated) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SqlQueryResult(@NotNull String database, @NotNull String executedSql, @NotNull List<String> columns,
            @NotNull List<List<Object>> rows, int rowCount, boolean truncated) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TableRows(@NotNull String table, @NotNull List<Map<String, Object>> rows, int rowCount,
            boolean truncated) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FileContent(@NotNull String path, long sizeBytes, @NotNull String content) {
    }
}

package io.toolgate;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs a test against the PostgreSQL server at 127.0.0.1:5432 (database {@code test}, schema {@code toolgate}),
 * rebuilt from the migrations at start so every run sees the seed data.
 */
public class PostgresProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.active", "false",
                "quarkus.datasource.postgresql.active", "true",
                "quarkus.flyway.postgresql.clean-at-start", "true",
                "quarkus.flyway.postgresql.clean-disabled", "false");
    }
}

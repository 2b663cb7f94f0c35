package io.toolgate.metrics;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** PostgreSQL configured at a port where nothing listens: the server starts, but is not ready. */
public class UnreachableDatabaseProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.active", "false",
                "quarkus.datasource.postgresql.active", "true",
                "quarkus.datasource.postgresql.jdbc.url", "jdbc:postgresql://127.0.0.1:1/test",
                "quarkus.datasource.postgresql.jdbc.acquisition-timeout", "2s",
                "quarkus.flyway.postgresql.migrate-at-start", "false",
                "toolgate.audit.enabled", "false");
    }
}

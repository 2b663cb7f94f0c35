package io.toolgate.deployment;

import io.quarkus.test.QuarkusUnitTest;

/** The in-memory H2 database every test application here keeps Toolgate's tables in. */
final class TestDatabase {

    private TestDatabase() {
    }

    static QuarkusUnitTest configure(QuarkusUnitTest test, String name) {
        return test.overrideConfigKey("quarkus.datasource.db-kind", "h2")
                .overrideConfigKey("quarkus.datasource.jdbc.driver", "org.h2.Driver")
                .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:" + name
                        + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")
                .overrideConfigKey("quarkus.datasource.username", "sa")
                .overrideConfigKey("quarkus.flyway.migrate-at-start", "true")
                .overrideConfigKey("quarkus.flyway.locations", "db/migration,db/migration-h2")
                .overrideConfigKey("quarkus.devservices.enabled", "false");
    }
}

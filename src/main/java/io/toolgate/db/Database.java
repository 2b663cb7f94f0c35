package io.toolgate.db;

import java.util.List;

import javax.sql.DataSource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

/**
 * The one active datasource: the embedded H2 database by default, PostgreSQL under the {@code postgres} profile.
 * Both are built into the application (a datasource's kind is fixed at build time in Quarkus); configuration
 * activates exactly one, so switching needs no rebuild.
 */
@ApplicationScoped
public class Database {

    @Inject
    @Any
    InjectableInstance<AgroalDataSource> dataSources;

    private DataSource active;

    @PostConstruct
    void pickActive() {
        List<AgroalDataSource> candidates = dataSources.listActive();
        if (candidates.size() != 1) {
            throw new IllegalStateException("Exactly one datasource must be active, found " + candidates.size()
                    + "; use the default (embedded) or -Dquarkus.profile=postgres");
        }
        active = candidates.get(0);
    }

    public DataSource dataSource() {
        return active;
    }
}

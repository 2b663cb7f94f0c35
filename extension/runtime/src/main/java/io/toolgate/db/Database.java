package io.toolgate.db;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.toolgate.config.ToolgateConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;

/**
 * Where Toolgate keeps its state: the application's datasource when it has one (the named one with
 * {@code toolgate.datasource}, else the default one, else the only active one), so Toolgate's tables sit beside the
 * application's and its Flyway migrations run with them.
 *
 * <p>
 * An application without a datasource still gets every door. What Toolgate then keeps only for the life of the
 * process (MCP tasks, stored large results) goes to a private in-memory H2 database, migrated here; the audit log
 * goes to its file sink ({@code AuditStores}) instead, because it must outlive the process. Workflows refuse to run
 * without {@link #durable} storage.
 */
@ApplicationScoped
public class Database {

    private static final Logger LOG = Logger.getLogger(Database.class);

    @Inject
    @Any
    InjectableInstance<AgroalDataSource> dataSources;

    @Inject
    ToolgateConfig config;

    private DataSource application;
    private volatile JdbcConnectionPool inMemory;

    @PostConstruct
    void pick() {
        application = applicationDataSource().orElse(null);
        if (application == null) {
            LOG.info("Toolgate: the application has no active datasource; MCP tasks and stored results are kept in"
                    + " memory for the life of this process, and the audit log goes to its file sink");
        }
    }

    // Created on first use: an application that never stores a task or a large result never starts H2 or Flyway.
    private DataSource inMemory() {
        JdbcConnectionPool pool = inMemory;
        if (pool == null) {
            synchronized (this) {
                if (inMemory == null) {
                    pool = JdbcConnectionPool.create("jdbc:h2:mem:toolgate-" + System.identityHashCode(this)
                            + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                            "sa", "");
                    Flyway.configure(Database.class.getClassLoader()).dataSource(pool)
                            .locations("classpath:db/migration", "classpath:db/migration-h2").load().migrate();
                    inMemory = pool;
                }
                pool = inMemory;
            }
        }
        return pool;
    }

    private Optional<DataSource> applicationDataSource() {
        if (config.datasource().isPresent()) {
            String name = config.datasource().get();
            // Without any datasource (and so perhaps without quarkus-agroal) there is no qualifier to look for
            List<AgroalDataSource> named = dataSources.listActive().isEmpty() ? List.of()
                    : dataSources.select(AgroalNames.qualifier(name)).listActive();
            if (named.isEmpty()) {
                throw new IllegalStateException("toolgate.datasource=" + name + " names no active datasource");
            }
            return Optional.of(named.get(0));
        }
        List<AgroalDataSource> byDefault = dataSources.select(Default.Literal.INSTANCE).listActive();
        if (!byDefault.isEmpty()) {
            return Optional.of(byDefault.get(0));
        }
        List<AgroalDataSource> active = dataSources.listActive();
        if (active.size() > 1) {
            throw new IllegalStateException(active.size() + " datasources are active and none is the default one:"
                    + " name Toolgate's with toolgate.datasource=<name>");
        }
        return active.stream().findFirst().map(DataSource.class::cast);
    }

    /**
     * The qualifier of a named datasource, from quarkus-agroal, which an application without a datasource does not
     * have: apart, so that {@link Database} loads without it.
     */
    private static final class AgroalNames {
        static Annotation qualifier(String name) {
            return new io.quarkus.agroal.DataSource.DataSourceLiteral(name);
        }
    }

    /** Toolgate's tables: the application's datasource, or the private in-memory database. */
    public DataSource dataSource() {
        return application != null ? application : inMemory();
    }

    /** The application's datasource, when it has one. */
    public Optional<DataSource> application() {
        return Optional.ofNullable(application);
    }

    /** The application's datasource for state that must survive a restart; refuses when there is none. */
    public DataSource durable(String what) {
        if (application == null) {
            throw new IllegalStateException(what + " need(s) a datasource: configure quarkus.datasource.* in the"
                    + " application, or build without it");
        }
        return application;
    }

    @PreDestroy
    void close() {
        if (inMemory != null) {
            inMemory.dispose();
        }
    }
}

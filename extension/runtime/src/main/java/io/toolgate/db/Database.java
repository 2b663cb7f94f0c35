package io.toolgate.db;

import java.lang.annotation.Annotation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

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
 *
 * <p>
 * With {@code toolgate.database.migrate-beside-start-up} the application's Flyway migration runs on a thread of its
 * own while the server starts ({@link #migrateBesideStartUp}), and the datasource handed out here makes every
 * connection wait for it ({@link AwaitingMigration}).
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
    /** The application datasource's name; null for the default one. */
    private String applicationName;
    private volatile JdbcConnectionPool inMemory;
    private final CompletableFuture<Void> migrated = new CompletableFuture<>();

    @PostConstruct
    void pick() {
        application = applicationDataSource().orElse(null);
        if (application == null) {
            LOG.info("Toolgate: the application has no active datasource; MCP tasks and stored results are kept in"
                    + " memory for the life of this process, and the audit log goes to its file sink");
        }
        if (application != null && config.database().migrateBesideStartUp()) {
            application = new AwaitingMigration(application, migrated, config.database().migrationWait());
        } else {
            migrated.complete(null);
        }
    }

    /**
     * Migrates the application's datasource with its own Flyway ({@code quarkus.flyway.*}) when
     * {@code toolgate.database.migrate-beside-start-up} asks for it; called once, on a thread of its own, as soon as
     * the datasource exists ({@code DatabaseRecorder}). An unreachable database is tried again, with a growing pause;
     * any other failure is kept: connections then fail with it, and readiness reports it.
     */
    void migrateBesideStartUp(CountDownLatch flywayStarted) {
        if (!(application instanceof AwaitingMigration awaiting)) {
            return; // no datasource, or the option is off
        }
        long start = System.nanoTime();
        // quarkus-flyway's start actions, on the main thread, begin by making the datasource's Flyway (its
        // configuration and plugins: about 5 % of the main thread's start-up); made here first, they find it made.
        try {
            QuarkusFlyway.prepare(applicationName);
        } catch (RuntimeException | NoClassDefFoundError e) {
            LOG.debugf("Toolgate: making the datasource's Flyway beside start-up failed (%s); the migration tries"
                    + " again", e.toString());
        }
        // Opening the database (the pool's first connection; for H2 its file) is the larger part, and may overlap
        // quarkus-flyway's start actions, which the migration itself must wait for.
        try (Connection first = awaiting.delegate().getConnection()) {
            LOG.debugf("Toolgate: database opened beside start-up in %d ms", (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Toolgate: opening the database beside start-up failed (%s); the migration tries again",
                    e.getMessage());
        }
        try {
            flywayStarted.await();
        } catch (InterruptedException e) {
            return;
        }
        long backoffMillis = 500;
        while (!migrated.isDone()) {
            try {
                QuarkusFlyway.migrate(applicationName);
                migrated.complete(null);
                LOG.debugf("Toolgate: datasource migrated beside start-up in %d ms",
                        (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                if (!DatabaseFailures.unreachable(e)) {
                    LOG.errorf(e, "Toolgate: migrating the datasource beside start-up failed; calls that need the"
                            + " database answer DATABASE_UNAVAILABLE and readiness stays DOWN");
                    migrated.completeExceptionally(e);
                    return;
                }
                // The database is not there yet: as a server migrating at start-up would be restarted until it is,
                // this one keeps trying, not ready and answering DATABASE_UNAVAILABLE meanwhile.
                LOG.warnf("Toolgate: the database is unreachable (%s); migrating again in %d ms", e.getMessage(),
                        backoffMillis);
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException stop) {
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, 15_000);
            } catch (NoClassDefFoundError e) {
                LOG.error("Toolgate: toolgate.database.migrate-beside-start-up needs io.quarkus:quarkus-flyway in the"
                        + " application", e);
                migrated.completeExceptionally(e);
                return;
            }
        }
    }

    /** Done once Toolgate's tables are ready: at once unless they are migrated beside start-up. */
    public CompletableFuture<Void> migrated() {
        return migrated.copy();
    }

    /** Whether the migration runs beside start-up ({@code toolgate.database.migrate-beside-start-up}). */
    public boolean migratesBesideStartUp() {
        return application instanceof AwaitingMigration;
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
            applicationName = name;
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
        // The only active one: its name, for its Flyway (toolgate.database.migrate-beside-start-up)
        for (io.quarkus.arc.InstanceHandle<AgroalDataSource> handle : dataSources.handles()) {
            if (handle.getBean().isActive()) {
                applicationName = AgroalNames.of(handle.getBean());
            }
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

        static String of(jakarta.enterprise.inject.spi.Bean<? extends DataSource> bean) {
            return io.quarkus.agroal.runtime.AgroalDataSourceUtil.dataSourceName(bean);
        }
    }

    /** The application's Flyway for a datasource, from quarkus-flyway, which only this option needs: apart too. */
    private static final class QuarkusFlyway {
        static void migrate(String dataSourceName) {
            io.quarkus.flyway.runtime.FlywayContainer flyway = container(dataSourceName);
            if (!flyway.isMigrateAtStart()) { // else Quarkus migrated it before start-up ended
                flyway.getFlyway().migrate();
            }
        }

        /** Makes the datasource's Flyway container (a singleton bean), which quarkus-flyway's start actions use. */
        static void prepare(String dataSourceName) {
            container(dataSourceName).getFlyway();
        }

        private static io.quarkus.flyway.runtime.FlywayContainer container(String dataSourceName) {
            return io.quarkus.flyway.runtime.FlywayContainerUtil.getFlywayContainer(dataSourceName != null
                    ? dataSourceName : io.quarkus.datasource.common.runtime.DataSourceUtil.DEFAULT_DATASOURCE_NAME);
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

package io.toolgate.db;

import java.util.concurrent.CountDownLatch;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.annotations.Recorder;
import io.smallrye.config.SmallRyeConfig;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.tool.ToolBeansRecorder;

/**
 * Starts the migration beside start-up ({@code toolgate.database.migrate-beside-start-up}) as soon as the datasources
 * exist, in run-time initialisation, on a thread of its own: the main thread goes on with the other extensions, the
 * router and the socket. On the main thread, Flyway's start (opening the database, validating the migrations) held
 * the standalone server's first answer back by 0.13 s with the AOT cache and up to 0.5 s on the plain JVM
 * (docs/benchmarks.md). The thread opens the database at once but migrates only after quarkus-flyway's own start
 * actions ({@link #flywayStarted}): a {@code clean-at-start} must not run under the migration.
 */
@Recorder
public class DatabaseRecorder {

    private static final CountDownLatch FLYWAY_STARTED = new CountDownLatch(1);

    public void migrateBesideStartUp() {
        if (ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(ToolgateConfig.class).database()
                .migrateBesideStartUp()) {
            ToolBeansRecorder.beside("toolgate-migration",
                    () -> Arc.container().instance(Database.class).get().migrateBesideStartUp(FLYWAY_STARTED));
        }
    }

    /** Run once quarkus-flyway's start actions are done (or at once without quarkus-flyway). */
    public void flywayStarted() {
        FLYWAY_STARTED.countDown();
    }
}

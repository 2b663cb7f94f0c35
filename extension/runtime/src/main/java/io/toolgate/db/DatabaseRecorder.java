package io.toolgate.db;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.annotations.Recorder;

/**
 * Starts the migration beside start-up ({@code toolgate.database.migrate-beside-start-up}) as soon as the datasources
 * exist, in run-time initialisation, on a thread of its own: the main thread goes on with the other extensions, the
 * router and the socket. On the main thread, Flyway's start (opening the database, validating the migrations) held
 * the standalone server's first answer back by 0.13 s with the AOT cache and up to 0.5 s on the plain JVM
 * (docs/benchmarks.md).
 */
@Recorder
public class DatabaseRecorder {

    public void migrateBesideStartUp() {
        if (!ConfigProvider.getConfig().getOptionalValue("toolgate.database.migrate-beside-start-up", Boolean.class)
                .orElse(false)) {
            return;
        }
        Thread thread = new Thread(() -> Arc.container().instance(Database.class).get().migrateBesideStartUp(),
                "toolgate-migration");
        thread.setDaemon(true);
        thread.start();
    }
}

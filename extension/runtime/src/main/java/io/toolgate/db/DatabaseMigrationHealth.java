package io.toolgate.db;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * DOWN in {@code /q/health/ready} while Toolgate's tables are migrated beside start-up and for good when that
 * migration failed, so a load balancer sends this instance nothing that would wait for it; always UP when they are
 * migrated at start-up (the application's Flyway has then finished before the server accepted anything).
 */
@Readiness
@ApplicationScoped
public class DatabaseMigrationHealth implements HealthCheck {

    @Inject
    Database database;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("toolgate-database-migration");
        if (!database.migratesBesideStartUp()) {
            return r.up().build();
        }
        CompletableFuture<Void> migrated = database.migrated();
        if (!migrated.isDone()) {
            return r.down().withData("migration", "running beside start-up").build();
        }
        try {
            migrated.join();
            return r.up().withData("migration", "done beside start-up").build();
        } catch (CompletionException e) {
            return r.down().withData("migration", "failed: " + e.getCause().getMessage()).build();
        }
    }
}

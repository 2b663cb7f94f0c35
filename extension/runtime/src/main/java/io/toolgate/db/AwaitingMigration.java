package io.toolgate.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * The application's datasource while its migration runs beside start-up: a connection is handed out once the
 * migration is done, after waiting for it at most {@code toolgate.database.migration-wait}. A wait that runs out, or a
 * migration that failed, is a connection failure (SQL state 08), which every door answers as DATABASE_UNAVAILABLE
 * (503) and the audit writer retries, as during a database outage.
 */
final class AwaitingMigration implements DataSource {

    private final DataSource delegate;
    private final CompletableFuture<Void> migrated;
    private final long waitNanos;

    AwaitingMigration(DataSource delegate, CompletableFuture<Void> migrated, Duration wait) {
        this.delegate = delegate;
        this.migrated = migrated;
        this.waitNanos = wait.toNanos();
    }

    /** The datasource itself, for the migration. */
    DataSource delegate() {
        return delegate;
    }

    private void awaitMigration() throws SQLException {
        if (migrated.isDone() && !migrated.isCompletedExceptionally()) {
            return;
        }
        try {
            migrated.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new SQLTransientConnectionException("Toolgate's tables are still being migrated (beside start-up)",
                    "08001", e);
        } catch (ExecutionException e) {
            throw new SQLNonTransientConnectionException("Toolgate's tables could not be migrated at start-up: "
                    + e.getCause().getMessage(), "08001", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("Interrupted while waiting for the migration", "08001", e);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        awaitMigration();
        return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        awaitMigration();
        return delegate.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(delegate) ? type.cast(delegate) : delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(delegate) || delegate.isWrapperFor(type);
    }
}

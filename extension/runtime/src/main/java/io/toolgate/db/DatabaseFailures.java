package io.toolgate.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** Telling a database that is away from a fault: the one rule for DATABASE_UNAVAILABLE and for retrying. */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /**
     * A connection that could not be had or was lost, anywhere in the cause chain: SQLState class 08 (connection
     * exception) or 57P (the server shutting down or starting), the JDBC connection exception types, or the pool
     * giving up waiting for one (Agroal's acquisition timeout has no SQLState).
     */
    public static boolean unreachable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLTransientConnectionException || c instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (c instanceof SQLException sql && (unreachableState(sql.getSQLState())
                    || String.valueOf(sql.getMessage()).startsWith("Acquisition timeout"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean unreachableState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
}

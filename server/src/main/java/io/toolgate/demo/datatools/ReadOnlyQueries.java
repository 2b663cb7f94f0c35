package io.toolgate.demo.datatools;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import io.toolgate.demo.DemoConfig;
import io.toolgate.db.Database;
import io.toolgate.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Runs the data tools' queries with the database's own limits on top of the checks done before: a transaction that
 * is always rolled back, a statement timeout, a row limit, and a database user that may only SELECT the allowlisted
 * tables: on PostgreSQL the {@code toolgate_reader} role inside a READ ONLY transaction, on H2 (which has neither
 * SET ROLE nor an enforced read-only mode) a connection of the {@link H2ReaderAccount} user.
 */
@ApplicationScoped
public class ReadOnlyQueries {

    private static final Logger LOG = Logger.getLogger(ReadOnlyQueries.class);
    static final String READER_ROLE = "toolgate_reader";
    private static final String QUERY_CANCELED = "57014";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String READ_ONLY_TRANSACTION = "25006";
    private static final String H2_NOT_ENOUGH_RIGHTS = "90096";
    private static final String H2_ADMIN_RIGHTS_REQUIRED = "90040";

    private final Database database;
    private final H2ReaderAccount h2Reader;
    private final DemoConfig config;

    @Inject
    public ReadOnlyQueries(Database database, H2ReaderAccount h2Reader, DemoConfig config) {
        this.database = database;
        this.h2Reader = h2Reader;
        this.config = config;
    }

    /** The first {@code maxRows} rows of a query; one row more is fetched only to tell whether there were more. */
    public DataResults.Rows run(String sql, List<Object> parameters, int maxRows) {
        int timeoutSeconds = (int) Math.max(1, config.sqlStatementTimeout().toSeconds());
        try (Connection c = connect()) {
            boolean postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try {
                if (postgres) {
                    restrictPostgresTransaction(c, timeoutSeconds);
                }
                return query(c, sql, parameters, maxRows, timeoutSeconds);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw translate(e, timeoutSeconds);
        }
    }

    // PostgreSQL: a pooled connection, restricted per transaction by SET LOCAL ROLE. H2: a connection of the reader
    // user, since H2 cannot switch users inside a session.
    private Connection connect() throws SQLException {
        Connection pooled = database.dataSource().getConnection();
        if ("PostgreSQL".equals(pooled.getMetaData().getDatabaseProductName())) {
            return pooled;
        }
        pooled.close();
        return h2Reader.connect();
    }

    private static void restrictPostgresTransaction(Connection c, int timeoutSeconds) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION READ ONLY");
            // LOCAL: both end with the transaction, so the pooled connection goes back with its own role.
            s.execute("SET LOCAL ROLE " + READER_ROLE);
            s.execute("SET LOCAL statement_timeout = " + (timeoutSeconds * 1000L));
        }
    }

    private static DataResults.Rows query(Connection c, String sql, List<Object> parameters, int maxRows,
            int timeoutSeconds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(timeoutSeconds);
            ps.setMaxRows(maxRows + 1);
            ps.setFetchSize(maxRows + 1);
            for (int i = 0; i < parameters.size(); i++) {
                ps.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
                }
                List<List<Object>> rows = new ArrayList<>();
                boolean truncated = false;
                while (rs.next()) {
                    if (rows.size() == maxRows) {
                        truncated = true;
                        break;
                    }
                    List<Object> row = new ArrayList<>(columns.size());
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(JsonValues.of(rs.getObject(i)));
                    }
                    rows.add(row);
                }
                return new DataResults.Rows(columns, rows, truncated);
            }
        }
    }

    // Database messages help a model fix its query ("column x does not exist"); only their first line is passed on,
    // never the driver's exception or the statement echoed back.
    private static ToolException translate(SQLException e, int timeoutSeconds) {
        LOG.debugf(e, "Data tool query failed");
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (QUERY_CANCELED.equals(state)) {
            return new ToolException("the query ran longer than " + timeoutSeconds + " s and was cancelled; add"
                    + " conditions, aggregate, or select fewer rows");
        }
        if (INSUFFICIENT_PRIVILEGE.equals(state) || READ_ONLY_TRANSACTION.equals(state)
                || H2_NOT_ENOUGH_RIGHTS.equals(state) || H2_ADMIN_RIGHTS_REQUIRED.equals(state)) {
            return new ToolException("the database refused the query: " + firstLine(e));
        }
        return new ToolException("the database could not run the query: " + firstLine(e));
    }

    private static String firstLine(SQLException e) {
        String message = e.getMessage() == null ? "no reason given" : e.getMessage();
        String line = message.lines().findFirst().orElse("no reason given")
                .replaceFirst("^ERROR: ", "")
                .replaceFirst("; SQL statement:.*$", "")
                .strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}

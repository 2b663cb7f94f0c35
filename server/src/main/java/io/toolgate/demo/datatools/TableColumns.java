package io.toolgate.demo.datatools;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.toolgate.db.Database;
import io.toolgate.tool.ToolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The columns of each allowlisted table and what kind of value each holds, read once from the JDBC metadata, so
 * query_database only ever names columns that exist and binds values of the column's type.
 */
@ApplicationScoped
public class TableColumns {

    /** How a filter value is read for a column. */
    public enum Kind { NUMBER, TEXT, DATE, TIMESTAMP, BOOLEAN, OTHER }

    private final Database database;
    private volatile Map<ShopTable, Map<String, Kind>> columns;

    @Inject
    public TableColumns(Database database) {
        this.database = database;
    }

    /** Column name to kind, in table order. */
    public Map<String, Kind> of(ShopTable table) {
        Map<ShopTable, Map<String, Kind>> known = columns;
        if (known == null) {
            known = load();
            columns = known;
        }
        return known.get(table);
    }

    private Map<ShopTable, Map<String, Kind>> load() {
        Map<ShopTable, Map<String, Kind>> all = new EnumMap<>(ShopTable.class);
        try (Connection c = database.dataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            for (ShopTable table : ShopTable.values()) {
                Map<String, Kind> cols = new LinkedHashMap<>();
                try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), table.tableName(), "%")) {
                    while (rs.next()) {
                        cols.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), kind(rs.getInt("DATA_TYPE")));
                    }
                }
                if (cols.isEmpty()) {
                    throw new ToolException("table " + table.tableName() + " is missing from the shop database");
                }
                all.put(table, Collections.unmodifiableMap(cols));
            }
        } catch (SQLException e) {
            throw new ToolException("the shop database's tables could not be read", e);
        }
        return all;
    }

    private static Kind kind(int jdbcType) {
        return switch (jdbcType) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT, Types.NUMERIC, Types.DECIMAL,
                    Types.DOUBLE, Types.FLOAT, Types.REAL -> Kind.NUMBER;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.CLOB -> Kind.TEXT;
            case Types.DATE -> Kind.DATE;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> Kind.TIMESTAMP;
            case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
            default -> Kind.OTHER;
        };
    }
}

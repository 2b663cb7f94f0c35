package io.toolgate.demo.datatools;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.toolgate.demo.DemoConfig;
import io.toolgate.demo.DemoToolset;
import io.toolgate.tool.Tool;
import io.toolgate.tool.ToolException;
import io.toolgate.tool.ToolParam;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Read access to the shop's data for a model: free SQL checked before it runs (execute_sql_query) and structured
 * filters that never become SQL text (query_database). Both read only customers, products, orders and order_lines,
 * through {@link ReadOnlyQueries}.
 */
@ApplicationScoped
@DemoToolset
public class SqlQueryTools {

    private static final int MAX_QUERY_CHARS = 4000;

    private final ReadOnlyQueries queries;
    private final TableColumns columns;
    private final DemoConfig config;
    private final ReadOnlySelectPolicy policy = new ReadOnlySelectPolicy(ShopTable.names());

    @Inject
    public SqlQueryTools(ReadOnlyQueries queries, TableColumns columns, DemoConfig config) {
        this.queries = queries;
        this.columns = columns;
        this.config = config;
    }

    @Tool(name = "execute_sql_query", title = "Run a read-only SQL query", readOnly = true, idempotent = true,

            description = "Answer a question about the shop's data with one SQL SELECT statement over the tables"
                    + " customers(id, name, email, tier, state, member_since), products(id, name, description,"
                    + " category, price, stock, weight_kg, tags), orders(id, customer_id, status, ordered_at,"
                    + " updated_at, ship_state, total, payment_id) and order_lines(order_id, line_no, product_id, quantity,"
                    + " unit_price). Joins, subqueries, WITH, GROUP BY and common functions (count, sum, avg, min,"
                    + " max, lower, upper, coalesce, round, date_trunc, ...) work; statements that change data, other"
                    + " tables and file or system functions are refused. Returns at most 100 rows.")
    public DataResults.SqlQueryResult executeSqlQuery(
            @ToolParam(description = "One SQL SELECT statement, for example SELECT status, count(*) FROM orders"
                    + " GROUP BY status") @NotBlank @Size(max = MAX_QUERY_CHARS) String query,
            @ToolParam(description = "The database to query; the shop database is the only one", defaultValue = "shop")
            ShopDatabase database) {
        String approved = policy.approve(query);
        DataResults.Rows rows = queries.run(approved, List.of(), config.sqlMaxRows());
        return new DataResults.SqlQueryResult(database.id(), approved, rows.columns(), rows.values(),
                rows.values().size(), rows.truncated());
    }

    @Tool(name = "query_database", title = "Query a shop table", readOnly = true, idempotent = true,

            description = "Read rows of one shop table (customers, products, orders or order_lines) that match all"
                    + " the given filters, each a column, an operator (=, !=, <, <=, >, >=, like) and a value;"
                    + " without filters the first rows. Use when the question is a simple lookup.")
    public DataResults.TableRows queryDatabase(
            @ToolParam(description = "The table to read: customers, products, orders or order_lines")
            @NotNull ShopTable table,
            @ToolParam(description = "Conditions the rows must all meet, for example [{\"column\":\"status\","
                    + "\"op\":\"=\",\"value\":\"shipped\"}]; at most 10", defaultValue = "[]")
            @Size(max = 10) List<@Valid ColumnFilter> filters,
            @ToolParam(description = "Most rows to return, from 1 to 100", defaultValue = "20") @Min(1) @Max(100)
            int limit) {
        Map<String, TableColumns.Kind> known = columns.of(table);
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", known.keySet()))
                .append(" FROM ").append(table.tableName());
        List<Object> values = new ArrayList<>();
        String joiner = " WHERE ";
        for (ColumnFilter filter : filters == null ? List.<ColumnFilter>of() : filters) {
            String column = filter.column().toLowerCase(Locale.ROOT);
            TableColumns.Kind kind = known.get(column);
            if (kind == null) {
                throw new ToolException("table " + table.tableName() + " has no column " + filter.column()
                        + "; its columns are " + String.join(", ", known.keySet()));
            }
            if (filter.op() == FilterOp.LIKE && kind != TableColumns.Kind.TEXT) {
                throw new ToolException("like compares text, and column " + column + " is not text; use =, <, >");
            }
            // The column name comes from the table's metadata and the operator from an enum; only the value comes
            // from the arguments, and it is always bound as a parameter.
            sql.append(joiner).append(column).append(' ').append(filter.op().sql()).append(" ?");
            values.add(typed(column, kind, filter.value()));
            joiner = " AND ";
        }
        sql.append(" ORDER BY ").append(known.keySet().iterator().next());
        DataResults.Rows rows = queries.run(sql.toString(), values, limit);
        List<Map<String, Object>> maps = new ArrayList<>();
        for (List<Object> row : rows.values()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < rows.columns().size(); i++) {
                map.put(rows.columns().get(i), row.get(i));
            }
            maps.add(map);
        }
        return new DataResults.TableRows(table.tableName(), maps, maps.size(), rows.truncated());
    }

    private static Object typed(String column, TableColumns.Kind kind, String value) {
        try {
            return switch (kind) {
                case NUMBER -> new BigDecimal(value.strip());
                case DATE -> LocalDate.parse(value.strip());
                case TIMESTAMP -> value.strip().length() == 10 ? LocalDate.parse(value.strip()).atStartOfDay()
                        : LocalDateTime.parse(value.strip().replace(' ', 'T'));
                case BOOLEAN -> Boolean.parseBoolean(value.strip());
                case TEXT, OTHER -> value;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new ToolException("column " + column + " holds " + kind.name().toLowerCase(Locale.ROOT)
                    + " values, and '" + value + "' is not one" + (kind == TableColumns.Kind.DATE
                            || kind == TableColumns.Kind.TIMESTAMP ? " (write dates as YYYY-MM-DD)" : ""));
        }
    }
}

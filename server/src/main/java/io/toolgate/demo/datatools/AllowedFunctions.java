package io.toolgate.demo.datatools;

import java.util.Set;

/**
 * The SQL functions execute_sql_query lets a query call: aggregates, string, number, date and conditional functions
 * that only compute a value from their arguments.
 *
 * <p>An allowlist, not a denylist of dangerous functions: PostgreSQL alone has thousands of functions and H2 lets an
 * administrator add Java ones ({@code CREATE ALIAS}); file, network, sleep and configuration functions differ per
 * database and version (pg_read_file, pg_ls_dir, lo_import, lo_export, pg_sleep, dblink, set_config, FILE_READ,
 * FILE_WRITE, CSVREAD, CSVWRITE, LINK_SCHEMA, ...), so a denylist is complete only until the next release or
 * extension. A function missing here costs a model a rephrased query; a function missing from a denylist costs the
 * server. Syntax that is not a function call (CAST, EXTRACT, CASE, TRIM, CURRENT_DATE) needs no entry.
 */
final class AllowedFunctions {

    static final Set<String> NAMES = Set.of(
            // aggregates and window functions
            "count", "sum", "avg", "min", "max", "string_agg", "bool_and", "bool_or", "every", "stddev",
            "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp", "row_number", "rank", "dense_rank",
            "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value", "last_value",
            // conditional
            "coalesce", "nullif", "greatest", "least",
            // numbers
            "round", "trunc", "floor", "ceil", "ceiling", "abs", "sign", "mod", "power", "sqrt", "exp", "ln", "log",
            // strings
            "lower", "upper", "length", "char_length", "character_length", "substring", "substr", "left", "right",
            "ltrim", "rtrim", "btrim", "lpad", "rpad", "concat", "concat_ws", "replace", "position", "strpos",
            "initcap", "repeat", "reverse", "split_part", "md5",
            // dates and times
            "now", "date_trunc", "date_part", "to_char", "to_date", "age", "year", "month", "day", "extract");

    private AllowedFunctions() {
    }

    static boolean allows(String name) {
        return NAMES.contains(name);
    }
}

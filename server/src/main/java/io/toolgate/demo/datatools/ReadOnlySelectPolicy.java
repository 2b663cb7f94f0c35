package io.toolgate.demo.datatools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.toolgate.tool.ToolException;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.NextValExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.UserVariable;
import net.sf.jsqlparser.expression.operators.relational.FullTextSearch;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.TableStatement;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Decides, from the parsed syntax tree alone, whether a query may run: exactly one plain SELECT (set operations and
 * subqueries included) over the allowlisted tables, calling only allowlisted functions. Nothing depends on the
 * database refusing something, and nothing matches keywords in the text, so {@code 'drop table'} in a string
 * literal or a column named {@code updated_at} are plain data.
 *
 * <p>The approved query is run as the parser printed it back, not as the model wrote it: comments are gone and a
 * second statement cannot hide where the parser and the database disagree on where a literal or comment ends.
 */
final class ReadOnlySelectPolicy {

    private final Set<String> tables;

    ReadOnlySelectPolicy(Set<String> tables) {
        this.tables = Set.copyOf(tables);
    }

    /** The statement to run, as the parser printed it back; a ToolException saying what was refused and why. */
    String approve(String sql) {
        if (!SyntaxTreeWalk.seesIntoQueries()) {
            // Fail closed: without the walk no check below would see a function, table or subquery.
            throw refused("this build cannot inspect SQL queries (JSqlParser's syntax classes are not readable by"
                    + " reflection; see native/README.md), so no query is run");
        }
        Statement statement = single(sql);
        if (!(statement instanceof PlainSelect || statement instanceof SetOperationList
                || statement instanceof ParenthesedSelect)) {
            throw refused("only SELECT statements are allowed, got " + kind(statement));
        }
        Select select = (Select) statement;
        List<WithItem<?>> with = select.getWithItemsList() == null ? List.of() : select.getWithItemsList();
        List<String> cteNames = new ArrayList<>();
        boolean recursive = with.stream().anyMatch(WithItem::isRecursive);
        for (WithItem<?> item : with) {
            if (!(item.getParenthesedStatement() instanceof ParenthesedSelect body)) {
                throw refused("WITH " + item.getAliasName() + " AS (...) contains " + kind(
                        item.getParenthesedStatement()) + "; only SELECT is allowed inside WITH");
            }
            String name = identifier(item.getAliasName());
            if (cteNames.contains(name) || tables.contains(name)) {
                throw refused("WITH " + name + " reuses a name already taken by a table or an earlier WITH query");
            }
            // Without RECURSIVE a WITH query sees only the ones before it; a later name would mean a real table.
            new TreeCheck(recursive ? allNames(with) : cteNames).walk(body);
            cteNames.add(name);
        }
        // The WITH list was checked item by item above, each with its own scope; detach it so the main query's walk
        // does not meet it again, then put it back before printing the statement.
        select.setWithItemsList(null);
        try {
            new TreeCheck(cteNames).walk(select);
        } finally {
            select.setWithItemsList(with.isEmpty() ? null : with);
        }
        return select.toString();
    }

    private static Statement single(String sql) {
        Statements statements;
        try {
            statements = CCJSqlParserUtil.parseStatements(sql);
        } catch (JSQLParserException e) {
            throw refused("the query is not a SELECT statement this tool can parse (" + parserMessage(e) + ")");
        }
        if (statements == null || statements.isEmpty()) {
            throw refused("the query is empty; write one SELECT statement");
        }
        if (statements.size() > 1) {
            throw refused("exactly one statement is allowed, got " + statements.size()
                    + " (" + statements.stream().map(ReadOnlySelectPolicy::kind).collect(Collectors.joining(", "))
                    + ")");
        }
        return statements.get(0);
    }

    private List<String> allNames(List<WithItem<?>> with) {
        return with.stream().map(w -> identifier(w.getAliasName())).toList();
    }

    /** One walk over a part of the query, with the WITH names that are in scope there. */
    private final class TreeCheck {
        private final List<String> cteNames;
        // Tables that only qualify a column (orders.id, o.*) name no data source; they are checked for a schema only.
        private final Set<Object> qualifiers = Collections.newSetFromMap(new IdentityHashMap<>());

        TreeCheck(List<String> cteNames) {
            this.cteNames = List.copyOf(cteNames);
        }

        void walk(Object root) {
            SyntaxTreeWalk.walk(root, this::check);
        }

        private boolean check(Object node) {
            if (node instanceof WithItem<?>) {
                throw refused("WITH is only allowed at the start of the query, not inside a subquery");
            }
            if (node instanceof PlainSelect plain && (plain.getIntoTables() != null
                    || plain.getIntoTempTable() != null)) {
                throw refused("SELECT ... INTO creates a table; only reading SELECT statements are allowed");
            }
            if (node instanceof Select s && (s.getForMode() != null || s.getForClause() != null)) {
                throw refused("SELECT ... FOR " + (s.getForMode() != null ? s.getForMode() : "XML/JSON")
                        + " is not allowed: it locks rows or changes the result format");
            }
            if (node instanceof Values || node instanceof TableStatement) {
                throw refused(kind(node) + " is not allowed; select from the tables " + tableList());
            }
            if (node instanceof Column column) {
                qualifiers.add(column.getTable());
                return true;
            }
            if (node instanceof AllTableColumns all) {
                qualifiers.add(all.getTable());
                return true;
            }
            if (node instanceof Table table) {
                checkTable(table);
                return true;
            }
            if (node instanceof TableFunction tableFunction) {
                // A FROM-clause function (CSVREAD(...), dblink(...)); in this parser it is itself a nameless Function
                // that holds the named one, so it is checked by the inner name.
                checkFunction(tableFunction.getFunction() == null ? null
                        : tableFunction.getFunction().getMultipartName());
                return true;
            }
            if (node instanceof Function function) {
                checkFunction(function.getMultipartName());
                return true;
            }
            if (node instanceof AnalyticExpression analytic) {
                checkFunction(java.util.Collections.singletonList(analytic.getName()));
                return true;
            }
            if (node instanceof NextValExpression) {
                throw refused("NEXT VALUE FOR changes a sequence; only reading queries are allowed");
            }
            if (node instanceof UserVariable) {
                throw refused("session variables are not allowed");
            }
            if (node instanceof JdbcParameter || node instanceof JdbcNamedParameter) {
                throw refused("parameter placeholders have no values here; write the values into the query");
            }
            if (node instanceof FullTextSearch) {
                throw refused("MATCH ... AGAINST is not supported here");
            }
            if (node instanceof StringValue literal && literal.getPrefix() != null) {
                // E'..' escape strings end where a backslash says, which the parser and the database may not agree on.
                throw refused("string literals with a prefix (" + literal.getPrefix() + "'...') are not allowed;"
                        + " use plain '...' literals and double a quote inside one ('it''s')");
            }
            return true;
        }

        private void checkTable(Table table) {
            // getDBLinkName() answers the plain name when there is no link, so the link is spotted by its '@'.
            boolean qualified = table.getSchemaName() != null || table.getDatabaseName() != null
                    || table.getFullyQualifiedName().contains("@");
            if (qualified) {
                throw refused("schema-qualified names are not allowed, got " + table.getFullyQualifiedName()
                        + "; the tables are " + tableList());
            }
            if (qualifiers.contains(table) || table.getName() == null) {
                return;
            }
            String name = identifier(table.getName());
            if (!tables.contains(name) && !cteNames.contains(name)) {
                throw refused("table " + name + " is not allowed; the tables are " + tableList());
            }
        }

        private void checkFunction(List<String> nameParts) {
            if (nameParts == null || nameParts.isEmpty() || nameParts.get(0) == null) {
                throw refused("a function call without a name is not allowed");
            }
            if (nameParts.size() > 1) {
                throw refused("schema-qualified function names are not allowed, got " + String.join(".", nameParts));
            }
            String name = identifier(nameParts.get(0));
            if (!AllowedFunctions.allows(name)) {
                throw refused("function " + name + " is not allowed; allowed functions: "
                        + AllowedFunctions.NAMES.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    private String tableList() {
        return tables.stream().sorted().collect(Collectors.joining(", "));
    }

    /** An identifier as the database resolves it, without quotes and, as unquoted names are, case-insensitive. */
    private static String identifier(String raw) {
        String name = raw.strip();
        if (name.length() >= 2 && (name.startsWith("\"") && name.endsWith("\"")
                || name.startsWith("`") && name.endsWith("`") || name.startsWith("[") && name.endsWith("]"))) {
            name = name.substring(1, name.length() - 1);
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** DELETE for a Delete statement, CREATE TABLE for CreateTable: the SQL words, not a class name. */
    private static String kind(Object statement) {
        String simple = statement == null ? "nothing" : statement.getClass().getSimpleName()
                .replace("Parenthesed", "").replace("PlainSelect", "Select");
        return simple.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }

    // The parser's own message, first line only and without the exception class it starts with.
    private static String parserMessage(JSQLParserException e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        String message = t.getMessage() == null ? "syntax error" : t.getMessage();
        String first = message.lines().findFirst().orElse("syntax error")
                .replaceFirst("^([a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error): ", "").strip();
        return first.length() > 200 ? first.substring(0, 200) + "..." : first;
    }

    private static ToolException refused(String why) {
        return new ToolException("query refused: " + why);
    }
}

package io.toolgate.demo.datatools;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

/**
 * Visits every node of a JSqlParser syntax tree by following the fields of its objects, not JSqlParser's visitors.
 * The visitors (TablesNamesFinder and the adapters) skip parts of a query, ORDER BY, GROUP BY, window clauses and a
 * function's own ORDER BY among them, so a check built on them would miss {@code ORDER BY pg_sleep(10)}. Walking
 * the fields reaches every node whatever clause holds it, and a node type added by a parser upgrade is walked
 * without code changes: the checks fail closed.
 */
final class SyntaxTreeWalk {

    private static final String AST_PACKAGE = "net.sf.jsqlparser.";
    // The JavaCC parse tree each node keeps a link to: not part of the statement, and it points back up.
    private static final String PARSER_PACKAGE = "net.sf.jsqlparser.parser.";
    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    // In a native image a class not registered for reflection reports no fields: the walk would see nothing below
    // the statement and every check would pass (seen in a native build: SELECT pg_sleep(10) reached the database).
    // A canary query proves on first use that the walk reaches a function under ORDER BY; if not, nothing is
    // approved. Decided at run time, not in a static initialiser: the image builder ran that one at build time, on
    // its JVM, where it passed, and stored the fields it had cached for the canary's classes in the image.
    private static volatile Boolean seesIntoQueries;

    private SyntaxTreeWalk() {
    }

    /** Whether walks can see the parts of a query; false where reflection cannot read JSqlParser's classes. */
    static boolean seesIntoQueries() {
        Boolean sees = seesIntoQueries;
        if (sees == null) {
            sees = seesIntoCanary(Class::getDeclaredFields);
            seesIntoQueries = sees;
        }
        return sees;
    }

    /** Calls {@code visitor} for each syntax node under {@code root}; a node's children are walked if it returns true. */
    static void walk(Object root, Predicate<Object> visitor) {
        if (!seesIntoQueries()) {
            throw new IllegalStateException("the syntax tree of a query cannot be read in this build");
        }
        walk(root, visitor, type -> FIELDS.computeIfAbsent(type, t -> fields(t, Class::getDeclaredFields)));
    }

    /** Whether a walk with these field lookups finds the function in {@code SELECT a FROM t ORDER BY f(a)}. */
    static boolean seesIntoCanary(Function<Class<?>, Field[]> declaredFields) {
        boolean[] found = {false};
        try {
            // Not through the cache: what the canary saw must not stand in for what a query's walk will see.
            walk(CCJSqlParserUtil.parse("SELECT a FROM t ORDER BY f(a)"), node -> {
                found[0] |= node instanceof net.sf.jsqlparser.expression.Function;
                return true;
            }, type -> fields(type, declaredFields));
        } catch (JSQLParserException | RuntimeException e) {
            return false;
        }
        return found[0];
    }

    private static void walk(Object root, Predicate<Object> visitor, Function<Class<?>, List<Field>> fieldsOf) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Object node = pending.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (node instanceof Collection<?> items) {
                items.stream().filter(i -> i != null).forEach(pending::push);
            } else if (node instanceof Map<?, ?> map) {
                map.values().stream().filter(i -> i != null).forEach(pending::push);
            } else if (node instanceof Object[] array) {
                for (Object item : array) {
                    if (item != null) {
                        pending.push(item);
                    }
                }
            } else if (node instanceof Optional<?> optional) {
                optional.ifPresent(pending::push);
            } else if (isSyntaxNode(node) && visitor.test(node)) {
                for (Field field : fieldsOf.apply(node.getClass())) {
                    Object child = read(field, node);
                    if (child != null) {
                        pending.push(child);
                    }
                }
            }
        }
    }

    private static boolean isSyntaxNode(Object node) {
        String name = node.getClass().getName();
        return name.startsWith(AST_PACKAGE) && !name.startsWith(PARSER_PACKAGE) && !node.getClass().isEnum();
    }

    /** The fields of a node that can hold child nodes, its superclasses' included. */
    private static List<Field> fields(Class<?> type, Function<Class<?>, Field[]> declaredFields) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : declaredFields.apply(c)) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()
                        && f.getType() != String.class) {
                    f.setAccessible(true);
                    fields.add(f);
                }
            }
        }
        return List.copyOf(fields);
    }

    private static Object read(Field field, Object node) {
        try {
            return field.get(node);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read a syntax node of the parsed query", e);
        }
    }
}

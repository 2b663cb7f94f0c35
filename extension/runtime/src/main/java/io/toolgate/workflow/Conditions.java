package io.toolgate.workflow;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * Step conditions in CEL (the Common Expression Language): side-effect free, terminating, no access to anything but
 * the variables given. Compiled and type-checked when a definition is loaded, so a syntax error or an unknown
 * variable refuses the definition; evaluated over {@code input}, {@code steps} and {@code run} (all {@code dyn}).
 * JSON numbers become {@code int} (whole numbers) or {@code double}; comparisons across the two are on, so
 * {@code steps.calculate_pricing.result.total > 0} holds for 1939.78 and for 12 alike.
 */
public final class Conditions {

    // Bounds on what one expression may cost: its size and the iterations of its macros (all, exists, map, filter).
    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .maxExpressionCodePointSize(2_000)
            .comprehensionMaxIterations(10_000)
            .build();
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(dev.cel.parser.CelStandardMacro.STANDARD_MACROS)
            .addVar("input", SimpleType.DYN)
            .addVar("steps", SimpleType.DYN)
            .addVar("run", SimpleType.DYN)
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

    private Conditions() {
    }

    /** @throws IllegalArgumentException with the compiler's message (line, column, what is wrong) */
    public static CelAbstractSyntaxTree compile(String expression) {
        try {
            return COMPILER.compile(expression).getAst();
        } catch (CelValidationException e) {
            throw new IllegalArgumentException(e.getMessage().strip());
        }
    }

    /** @throws IllegalArgumentException when the expression fails at run time (a missing field, a type mismatch) */
    public static boolean evaluate(CelAbstractSyntaxTree ast, JsonNode context) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("input", cel(context.path("input")));
        vars.put("steps", cel(context.path("steps")));
        vars.put("run", cel(context.path("run")));
        try {
            Object result = RUNTIME.createProgram(ast).eval(vars);
            return Boolean.TRUE.equals(result);
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** JSON as the values CEL's Java runtime takes. */
    static Object cel(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return dev.cel.common.values.NullValue.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                map.put(f.getKey(), cel(f.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(e -> list.add(cel(e)));
            return list;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }
}

package io.toolgate.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.toolgate.invoke.JsonTrees;

/**
 * Argument templates: {@code ${input.customer_id}}, {@code ${steps.calculate_pricing.result.total}},
 * {@code ${steps.check_inventory.result.lines[0].product_id}}, {@code ${run.id}}. A path is a dotted name with
 * optional {@code [n]} indexes and nothing else (no operators, no calls); it becomes a Jackson {@link JsonPointer}
 * into the run's context. A string that is exactly one template takes the referenced JSON value as it is (a number
 * stays a number, an object an object); templates inside a longer string are interpolated as text.
 * A reference to nothing (an absent field, a skipped step's result) drops the field from the arguments when the
 * template is the whole value, like an omitted optional argument, and interpolates as an empty string otherwise.
 */
public final class Templates {

    static final Pattern TEMPLATE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern PATH = Pattern.compile(
            "[A-Za-z_][A-Za-z0-9_]*(\\[[0-9]+])*(\\.[A-Za-z_][A-Za-z0-9_-]*(\\[[0-9]+])*)*");
    private static final Pattern WHOLE = Pattern.compile("\\$\\{([^}]*)}");

    private Templates() {
    }

    /** Every template path in a JSON value (strings anywhere inside it), in order. */
    static List<String> paths(JsonNode value) {
        List<String> out = new ArrayList<>();
        collect(value, out);
        return out;
    }

    private static void collect(JsonNode value, List<String> out) {
        if (value == null) {
            return;
        }
        if (value.isTextual()) {
            Matcher m = TEMPLATE.matcher(value.asText());
            while (m.find()) {
                out.add(m.group(1).strip());
            }
        } else if (value.isContainerNode()) {
            value.forEach(child -> collect(child, out));
            if (value.isObject()) {
                value.fieldNames().forEachRemaining(name -> collect(JsonNodeFactory.instance.textNode(name), out));
            }
        }
    }

    static boolean wellFormed(String path) {
        return PATH.matcher(path).matches();
    }

    /** {@code steps.a.result.lines[0].id} -> {@code /steps/a/result/lines/0/id}. */
    static JsonPointer pointer(String path) {
        StringBuilder p = new StringBuilder();
        for (String segment : path.split("\\.")) {
            int bracket = segment.indexOf('[');
            String name = bracket < 0 ? segment : segment.substring(0, bracket);
            p.append('/').append(name.replace("~", "~0").replace("/", "~1"));
            if (bracket >= 0) {
                Matcher idx = Pattern.compile("\\[([0-9]+)]").matcher(segment.substring(bracket));
                while (idx.find()) {
                    p.append('/').append(idx.group(1));
                }
            }
        }
        return JsonPointer.compile(p.toString());
    }

    /** The arguments with every template replaced from the context; absent whole-value references drop their field. */
    public static JsonNode resolve(JsonNode template, JsonNode context) {
        JsonNode resolved = resolveValue(template, context);
        return resolved == null ? JsonNodeFactory.instance.nullNode() : resolved;
    }

    /** Null means "absent": the caller leaves the field or element out. */
    private static JsonNode resolveValue(JsonNode value, JsonNode context) {
        return JsonTrees.rewriteText(value, text -> resolveText(text, context));
    }

    private static JsonNode resolveText(JsonNode value, JsonNode context) {
        String text = value.asText();
        Matcher whole = WHOLE.matcher(text);
        if (whole.matches()) {
            JsonNode found = context.at(pointer(whole.group(1).strip()));
            return found.isMissingNode() || found.isNull() ? null : found.deepCopy();
        }
        Matcher m = TEMPLATE.matcher(text);
        if (!m.find()) {
            return value;
        }
        m.reset();
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode found = context.at(pointer(m.group(1).strip()));
            String replacement = found.isMissingNode() || found.isNull() ? ""
                    : found.isValueNode() ? found.asText() : found.toString();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return JsonNodeFactory.instance.textNode(out.toString());
    }
}

package io.toolgate.prompt;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{argument}}} replaced by the argument's value, verbatim; an argument not given becomes empty text. Plain
 * replacement rather than a template engine on purpose: values come from a client (and so from a model), and a
 * value containing {@code {{other}}} or template syntax must arrive as written, never be evaluated, and prompts have
 * no need for loops or conditions.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private Placeholders() {
    }

    static String fill(String template, Map<String, String> values) {
        if (template == null || template.indexOf("{{") < 0) {
            return template;
        }
        // One pass over the template: an inserted value is never scanned again.
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The argument names a template refers to, for checking a prompt file against its declared arguments. */
    static java.util.Set<String> names(String template) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        if (template != null) {
            Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }
}

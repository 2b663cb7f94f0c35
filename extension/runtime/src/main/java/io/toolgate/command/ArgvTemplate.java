package io.toolgate.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.invoke.FieldError;
import io.toolgate.tool.ArgumentsRejectedException;
import io.toolgate.tool.ToolException;

/**
 * The argument list of a command tool: a list of entries, each literal text with {@code {param}} placeholders, or a
 * group (a nested list) of such entries. One entry always gives exactly one argv entry, whatever characters the
 * argument holds: nothing is split, globbed, quoted or interpreted, because no shell is ever involved. The one way to
 * produce several entries from one argument is an entry that is exactly {@code {param...}} for an array parameter:
 * each element becomes one entry. An entry (or a whole group) whose argument is absent is left out, so
 * {@code ["-n", "{count}"]} as a group disappears together.
 *
 * <p>Option smuggling: a value at the start of an entry that begins with {@code -} would be read by most programs as
 * an option, so it is refused (VALIDATION_ERROR, rule {@code option}) unless the parameter is declared in
 * {@code option_params}. A template may also put a literal {@code --} before its positional entries; Toolgate does
 * not add one, because not every program understands it.
 */
public final class ArgvTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_][a-z0-9_]*)(\\.\\.\\.)?}");

    /** One argv entry as written: its text and the placeholders in it. */
    private record Entry(String text, boolean spread, String spreadParam) {
    }

    private final List<List<Entry>> groups;
    private final Set<String> placeholders;

    private ArgvTemplate(List<List<Entry>> groups, Set<String> placeholders) {
        this.groups = groups;
        this.placeholders = placeholders;
    }

    /** @param node a JSON array of text entries or arrays of text entries */
    public static ArgvTemplate parse(JsonNode node) {
        if (node == null || node.isNull()) {
            return new ArgvTemplate(List.of(), Set.of());
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("command.args must be a list of text entries such as [\"-l\", \"{file}\"]");
        }
        List<List<Entry>> groups = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode item : node) {
            if (item.isArray()) {
                List<Entry> group = new ArrayList<>();
                for (JsonNode inner : item) {
                    group.add(entry(inner, names));
                }
                if (group.isEmpty()) {
                    throw new IllegalArgumentException("command.args holds an empty group");
                }
                groups.add(group);
            } else {
                groups.add(List.of(entry(item, names)));
            }
        }
        return new ArgvTemplate(groups, names);
    }

    private static Entry entry(JsonNode item, Set<String> names) {
        if (item.isContainerNode() || item.isNull()) {
            throw new IllegalArgumentException("command.args entries must be text, or lists of text (a group)");
        }
        String text = item.asText();
        Matcher m = PLACEHOLDER.matcher(text);
        boolean spread = false;
        String spreadParam = null;
        while (m.find()) {
            names.add(m.group(1));
            if (m.group(2) != null) {
                if (m.start() != 0 || m.end() != text.length()) {
                    throw new IllegalArgumentException("{" + m.group(1) + "...} must be a whole entry of command.args,"
                            + " got \"" + text + "\"");
                }
                spread = true;
                spreadParam = m.group(1);
            }
        }
        return new Entry(text, spread, spreadParam);
    }

    /** Every parameter name the template uses. */
    public Set<String> placeholders() {
        return placeholders;
    }

    /** Parameters used as {@code {param...}}. */
    public Set<String> spreadParams() {
        Set<String> out = new LinkedHashSet<>();
        groups.forEach(g -> g.forEach(e -> {
            if (e.spread()) {
                out.add(e.spreadParam());
            }
        }));
        return out;
    }

    /** Every entry without a placeholder, as written (fixed script files, fixed paths, options). */
    public List<String> literals() {
        List<String> out = new ArrayList<>();
        groups.forEach(g -> g.forEach(e -> {
            if (!e.spread() && !PLACEHOLDER.matcher(e.text()).find()) {
                out.add(e.text());
            }
        }));
        return out;
    }

    /** The entries before the first placeholder, as written. */
    public List<String> leadingLiterals() {
        List<String> out = new ArrayList<>();
        for (List<Entry> g : groups) {
            for (Entry e : g) {
                if (e.spread() || PLACEHOLDER.matcher(e.text()).find()) {
                    return out;
                }
                out.add(e.text());
            }
        }
        return out;
    }

    /** Parameters whose value starts an entry: the positions where an option could be smuggled in. */
    Set<String> leadingParams() {
        Set<String> out = new LinkedHashSet<>();
        groups.forEach(g -> g.forEach(e -> {
            Matcher m = PLACEHOLDER.matcher(e.text());
            if (m.find() && m.start() == 0) {
                out.add(m.group(1));
            }
        }));
        return out;
    }

    /**
     * The argv entries for schema-valid arguments.
     *
     * @param pathResolver turns a path parameter's value into the real path to pass (may throw ToolException);
     *        returns the value unchanged for other parameters
     * @throws ArgumentsRejectedException listing every value that cannot be passed, each naming its field and rule
     */
    public List<String> expand(ObjectNode arguments, Set<String> optionParams, int maxArgBytes, int maxArgvBytes,
            BiFunction<String, String, String> pathResolver) throws ArgumentsRejectedException {
        List<FieldError> errors = new ArrayList<>();
        List<String> argv = new ArrayList<>();
        for (List<Entry> group : groups) {
            List<String> out = new ArrayList<>();
            boolean absent = false;
            for (Entry e : group) {
                if (e.spread()) {
                    JsonNode values = arguments.get(e.spreadParam());
                    if (values == null || values.isNull()) {
                        absent = true;
                        continue;
                    }
                    int i = 0;
                    for (JsonNode v : values.isArray() ? values : List.of(values)) {
                        String field = e.spreadParam() + "[" + i++ + "]";
                        String text = scalar(v, field, errors);
                        if (text != null) {
                            text = checked(e.spreadParam(), field, text, true, optionParams, pathResolver, errors);
                            out.add(text);
                        }
                    }
                    continue;
                }
                StringBuilder built = new StringBuilder();
                Matcher m = PLACEHOLDER.matcher(e.text());
                int last = 0;
                while (m.find()) {
                    built.append(e.text(), last, m.start());
                    last = m.end();
                    String param = m.group(1);
                    JsonNode v = arguments.get(param);
                    if (v == null || v.isNull()) {
                        absent = true;
                        break;
                    }
                    String text = scalar(v, param, errors);
                    if (text == null) {
                        continue;
                    }
                    text = checked(param, param, text, m.start() == 0, optionParams, pathResolver, errors);
                    built.append(text);
                }
                if (absent) {
                    break;
                }
                built.append(e.text(), last, e.text().length());
                out.add(built.toString());
            }
            if (!absent) {
                argv.addAll(out);
            }
        }
        long total = 0;
        for (String a : argv) {
            int bytes = a.getBytes(StandardCharsets.UTF_8).length;
            total += bytes + 1;
            if (bytes > maxArgBytes) {
                errors.add(new FieldError("args", "maxLength", "an argument would be " + bytes + " bytes long; the"
                        + " limit is " + maxArgBytes + " bytes per argument"));
                break;
            }
        }
        if (total > maxArgvBytes) {
            errors.add(new FieldError("args", "maxLength", "the arguments would take " + total + " bytes; the limit"
                    + " is " + maxArgvBytes + " bytes in all"));
        }
        if (!errors.isEmpty()) {
            throw new ArgumentsRejectedException(errors);
        }
        return argv;
    }

    private static String scalar(JsonNode v, String field, List<FieldError> errors) {
        if (v.isContainerNode()) {
            errors.add(new FieldError(field, "type", "must be a single value here, not " + (v.isArray() ? "a list"
                    : "an object")));
            return null;
        }
        return v.asText();
    }

    private static String checked(String param, String field, String text, boolean leading, Set<String> optionParams,
            BiFunction<String, String, String> pathResolver, List<FieldError> errors) {
        if (text.indexOf('\0') >= 0) {
            errors.add(new FieldError(field, "nul", "must not contain a NUL byte, which no program argument can hold"));
            return text;
        }
        if (leading && text.startsWith("-") && !optionParams.contains(param)) {
            errors.add(new FieldError(field, "option", "must not begin with '-': the program would read it as an"
                    + " option, and this parameter takes no options, got \"" + abbreviate(text) + "\""));
            return text;
        }
        try {
            return pathResolver.apply(param, text);
        } catch (ToolException e) {
            errors.add(new FieldError(field, "path", e.getMessage()));
            return text;
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}

package io.toolgate.tool;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a tool against the schema design rules LLM providers publish: a clear snake_case verb_noun name, and a
 * description of real length for the tool and each parameter. Returns one sentence per violation, saying how to fix
 * it.
 */
public final class ToolLinter {

    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{2,63}$");
    static final int MIN_DESCRIPTION = 20;
    private static final Set<String> VAGUE = Set.of("func", "function", "tool", "do", "do_thing", "do_stuff",
            "process", "handle", "run", "execute", "call", "action", "perform", "helper", "util", "misc", "test",
            "thing", "stuff", "data", "main");

    /** A finding as the start-up log, {@code GET /tools/lint} and the build report it: the tool named first. */
    public static String finding(ToolDefinition tool, String problem) {
        return "tool '" + tool.name() + "' (" + tool.origin() + "): " + problem;
    }

    public List<String> lint(ToolDefinition tool) {
        List<String> problems = new ArrayList<>();
        String name = tool.name();
        if (!NAME.matcher(name).matches()) {
            problems.add("name '" + name + "' must match ^[a-z][a-z0-9_]{2,63}$: use snake_case verb_noun such as"
                    + " 'search_products'");
        } else if (isVague(name)) {
            problems.add("name '" + name + "' is vague: say what it acts on, as verb_noun (e.g. 'lookup_customer')");
        }
        if (tool.description() == null || tool.description().strip().length() < MIN_DESCRIPTION) {
            problems.add("description must be at least " + MIN_DESCRIPTION
                    + " characters: say what the tool does and when to use it");
        }
        JsonNode properties = tool.inputSchema().path("properties");
        Iterator<Map.Entry<String, JsonNode>> it = properties.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> p = it.next();
            String description = p.getValue().path("description").asText("");
            if (description.strip().length() < MIN_DESCRIPTION) {
                problems.add("parameter '" + p.getKey() + "' needs a description of at least " + MIN_DESCRIPTION
                        + " characters: say what it means, its unit and an example");
            }
        }
        return problems;
    }

    private static boolean isVague(String name) {
        String stripped = name.replaceAll("_?\\d+$", "");
        return VAGUE.contains(stripped) || stripped.matches("(func|fn|tool|method)_?\\d*");
    }
}

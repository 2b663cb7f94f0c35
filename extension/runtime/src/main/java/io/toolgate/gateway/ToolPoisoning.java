package io.toolgate.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Flags the known tool-poisoning patterns in what an upstream publishes (its tool's description and the
 * descriptions inside its schemas): text that addresses the model with instructions ("ignore previous instructions",
 * "do not tell the user"), hidden text (zero-width and bidirectional-control characters, Unicode tag characters,
 * HTML comments), and instructions to read secrets or send data elsewhere. A heuristic with a short list on purpose:
 * it catches the published attacks (Invariant Labs' tool poisoning, the "rug pull") and says which rule fired, and a
 * finding holds the tool back for a person to look at, it does not decide alone.
 */
final class ToolPoisoning {

    private record Rule(String name, Pattern pattern) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("addresses the model with instructions to ignore or override others", Pattern.compile(
                    "\\b(ignore|disregard|forget|override)\\b.{0,40}\\b(previous|prior|above|earlier|all|other|system)"
                            + "\\b.{0,20}\\b(instructions?|prompts?|rules|messages?)", Pattern.CASE_INSENSITIVE)),
            new Rule("tells the model to keep something from the user", Pattern.compile(
                    "\\b(do not|don't|never)\\b.{0,20}\\b(tell|mention|reveal|show|inform|notify)\\b.{0,20}\\b(the )?"
                            + "user", Pattern.CASE_INSENSITIVE)),
            new Rule("carries hidden-instruction markup", Pattern.compile(
                    "<\\s*(important|instructions?|system|secret)\\s*>|<!--", Pattern.CASE_INSENSITIVE)),
            new Rule("asks for secrets or private files", Pattern.compile(
                    "(~/\\.ssh|id_rsa|\\.env\\b|/etc/passwd|\\bmcp\\.json\\b|credentials?\\s+file|api[_ -]?keys?\\b.{0,30}"
                            + "\\b(send|include|pass|read))", Pattern.CASE_INSENSITIVE)),
            new Rule("tells the model to send data elsewhere", Pattern.compile(
                    "\\b(send|post|upload|forward|exfiltrate|transmit)\\b.{0,60}\\b(to|at)\\b.{0,10}"
                            + "(https?://|\\b[\\w-]+@[\\w-]+\\.)", Pattern.CASE_INSENSITIVE)),
            new Rule("tells the model what to do before or instead of using the tool", Pattern.compile(
                    "\\bbefore (using|calling) (this|any|the) tool\\b.{0,40}\\b(must|should|first|always)\\b",
                    Pattern.CASE_INSENSITIVE)));

    private ToolPoisoning() {
    }

    /** Each rule a listed tool breaks, naming where; empty when none. */
    static List<String> findings(JsonNode listedTool) {
        List<String> out = new ArrayList<>();
        List<String[]> texts = new ArrayList<>();
        texts.add(new String[] { "description", listedTool.path("description").asText("") });
        texts.add(new String[] { "title", listedTool.path("title").asText("") });
        collect(listedTool.path("inputSchema"), "inputSchema", texts);
        for (String[] t : texts) {
            String hidden = hiddenCharacter(t[1]);
            if (hidden != null) {
                out.add(t[0] + " hides text (" + hidden + ")");
            }
            for (Rule rule : RULES) {
                if (rule.pattern().matcher(t[1]).find()) {
                    out.add(t[0] + " " + rule.name());
                }
            }
        }
        return out;
    }

    private static void collect(JsonNode node, String path, List<String[]> texts) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual() && (e.getKey().equals("description") || e.getKey().equals("title"))) {
                    texts.add(new String[] { path + "." + e.getKey(), e.getValue().asText() });
                } else {
                    collect(e.getValue(), path + "." + e.getKey(), texts);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", texts);
            }
        }
    }

    private static String hiddenCharacter(String text) {
        for (int i = 0; i < text.length();) {
            int c = text.codePointAt(i);
            if (c >= 0x200B && c <= 0x200F || c >= 0x202A && c <= 0x202E || c >= 0x2060 && c <= 0x2064
                    || c >= 0x2066 && c <= 0x2069 || c == 0xFEFF || c >= 0xE0000 && c <= 0xE007F) {
                return String.format(Locale.ROOT, "U+%04X", c);
            }
            i += Character.charCount(c);
        }
        return null;
    }
}

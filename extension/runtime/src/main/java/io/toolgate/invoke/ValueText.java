package io.toolgate.invoke;

import com.fasterxml.jackson.databind.JsonNode;

/** Renders an offending value for an error message: JSON-like, and short enough not to flood a model's context. */
public final class ValueText {

    private static final int MAX = 60;

    private ValueText() {
    }

    public static String shorten(Object value) {
        String text;
        if (value == null) {
            text = "null";
        } else if (value instanceof JsonNode node) {
            text = node.toString();
        } else if (value instanceof CharSequence s) {
            text = '"' + s.toString() + '"';
        } else {
            text = String.valueOf(value);
        }
        return text.length() <= MAX ? text : text.substring(0, MAX) + "…(" + text.length() + " chars)";
    }
}

package io.toolgate.tool;

import java.util.regex.Pattern;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * JSON Schema's {@code pattern} is an ECMA-262 regular expression, whose {@code $} (without the multiline flag) is the
 * end of the value. The validator runs patterns with {@code java.util.regex}, whose {@code $} also matches before a
 * final line break, so {@code ^[a-z]+$} would accept {@code "name\n"}: a line break smuggled past the check. This
 * factory compiles each pattern with every {@code $} outside a character class read as {@code \z}, the end of the
 * value, as every other JSON Schema consumer reads it.
 */
final class StrictEndPatterns implements RegularExpressionFactory {

    static final StrictEndPatterns INSTANCE = new StrictEndPatterns();

    private StrictEndPatterns() {
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern compiled = Pattern.compile(strictEnd(regex));
        return value -> compiled.matcher(value).find();
    }

    static String strictEnd(String regex) {
        StringBuilder out = new StringBuilder(regex.length() + 4);
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                out.append(c).append(regex.charAt(++i));
            } else if (c == '[') {
                inClass = true;
                out.append(c);
            } else if (c == ']') {
                inClass = false;
                out.append(c);
            } else if (c == '$' && !inClass) {
                out.append("\\z");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

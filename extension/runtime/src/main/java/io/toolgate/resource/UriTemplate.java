package io.toolgate.resource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of RFC 6570 resource templates use: {@code {var}} matches one path segment, {@code {+var}} (reserved
 * expansion) also matches slashes. Matching is the reverse of expansion: the values come back percent-decoded.
 */
public final class UriTemplate {

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\+?)([A-Za-z0-9_]+)}");

    private final String template;
    private final Pattern pattern;
    private final List<String> variables = new ArrayList<>();

    private UriTemplate(String template) {
        this.template = template;
        StringBuilder regex = new StringBuilder();
        Matcher m = VARIABLE.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append(m.group(1).isEmpty() ? "([^/?#]+)" : "([^?#]+)");
            variables.add(m.group(2));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        this.pattern = Pattern.compile(regex.toString());
    }

    public static UriTemplate of(String template) {
        return new UriTemplate(template);
    }

    public String template() {
        return template;
    }

    public List<String> variables() {
        return List.copyOf(variables);
    }

    /** The variables' decoded values when the URI fits the template; empty otherwise (also for bad escapes). */
    public Optional<Map<String, String>> match(String uri) {
        if (uri == null) {
            return Optional.empty();
        }
        Matcher m = pattern.matcher(uri);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < variables.size(); i++) {
            String decoded = decode(m.group(i + 1));
            if (decoded == null) {
                return Optional.empty();
            }
            values.put(variables.get(i), decoded);
        }
        return Optional.of(values);
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters (and {@code /} when {@code keepSlashes}). */
    public static String encode(String value, boolean keepSlashes) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~' || (keepSlashes && c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Percent-decoding (a {@code +} stays a plus, unlike form decoding); null for a malformed escape. */
    public static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    return null;
                }
                int hi = Character.digit(value.charAt(i + 1), 16);
                int lo = Character.digit(value.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

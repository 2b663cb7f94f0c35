package io.toolgate.invoke;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.toolgate.config.ToolgateConfig;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/**
 * Parses untrusted JSON (request bodies, a model's arguments string) under Toolgate's size and nesting limits, and
 * words parse failures for the model. Doors that parse a whole message use it too, so limits hold at every door.
 *
 * <p>Strict, because a lenient reading is a parser differential: a filter in front of Toolgate may read
 * {@code {"query":"x","query":"y"}} as x where Jackson would take y. So a duplicate key, content after the value, a
 * byte sequence that is not UTF-8 (bytes are decoded by Jackson itself, never replaced by U+FFFD) and a lone UTF-16
 * surrogate (an escape from D800 to DFFF without its pair, which no UTF-8 text can hold) are all INVALID_JSON.
 */
@Singleton
public class JsonReading {

    private final ObjectMapper mapper;
    private final int maxBytes;

    @Inject
    public JsonReading(ObjectMapper base, ToolgateConfig config) {
        this.maxBytes = config.limits().maxRequestBytes();
        this.mapper = base.copy();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(config.limits().maxJsonDepth())
                .maxStringLength(config.limits().maxStringLength())
                .build());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Thrown with an error code and a message written for the model. */
    public static final class Rejected extends Exception {
        private final ErrorCode code;

        Rejected(ErrorCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public ErrorCode code() {
            return code;
        }

        public Outcome toOutcome() {
            return Outcome.failure(code, getMessage());
        }
    }

    public JsonNode read(String text, String what) throws Rejected {
        checkSize(text.length() <= maxBytes / 3 ? text.length() : text.getBytes(StandardCharsets.UTF_8).length, what);
        return parse(text, what);
    }

    /** @param bytes null reads as an empty body */
    public JsonNode read(byte[] bytes, String what) throws Rejected {
        if (bytes == null) {
            bytes = new byte[0];
        }
        checkSize(bytes.length, what);
        try {
            return checked(mapper.readTree(bytes), what);
        } catch (java.io.IOException e) {
            throw rejected(e, what);
        }
    }

    /** No body, or only JSON white space: a request without arguments. */
    public static boolean isBlank(byte[] body) {
        if (body != null) {
            for (byte b : body) {
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                    return false;
                }
            }
        }
        return true;
    }

    public int maxBytes() {
        return maxBytes;
    }

    private void checkSize(int size, String what) throws Rejected {
        if (size > maxBytes) {
            throw new Rejected(ErrorCode.PAYLOAD_TOO_LARGE,
                    what + " has " + size + " bytes, more than the limit of " + maxBytes + " bytes; send less data");
        }
    }

    private JsonNode parse(String text, String what) throws Rejected {
        try {
            return checked(mapper.readTree(text), what);
        } catch (JsonProcessingException e) {
            throw rejected(e, what);
        }
    }

    private static JsonNode checked(JsonNode node, String what) throws Rejected {
        if (node == null || node.isMissingNode()) {
            throw new Rejected(ErrorCode.INVALID_JSON, what + " is empty; send a JSON object");
        }
        String where = loneSurrogate(node);
        if (where != null) {
            throw new Rejected(ErrorCode.INVALID_JSON, what + " is not valid JSON: the text at "
                    + (where.isEmpty() ? "/" : where)
                    + " holds a lone UTF-16 surrogate (a \\uD800-\\uDFFF escape without its pair), which is not a"
                    + " character");
        }
        return node;
    }

    /**
     * The JSON Pointer, below this node, of the first key or text value holding an unpaired surrogate ("" for the
     * node itself), or null. Every call's arguments pass here, so the pointer is built on the way back from a find:
     * a walk that finds nothing allocates nothing.
     */
    private static String loneSurrogate(JsonNode node) {
        if (node.isTextual()) {
            return hasLoneSurrogate(node.textValue()) ? "" : null;
        }
        if (node.isObject()) {
            for (var fields = node.fields(); fields.hasNext();) {
                var field = fields.next();
                if (hasLoneSurrogate(field.getKey())) {
                    return "/" + field.getKey();
                }
                String inside = loneSurrogate(field.getValue());
                if (inside != null) {
                    return "/" + field.getKey() + inside;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String inside = loneSurrogate(node.get(i));
                if (inside != null) {
                    return "/" + i + inside;
                }
            }
        }
        return null;
    }

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static Rejected rejected(java.io.IOException e, String what) {
        if (e instanceof StreamConstraintsException) {
            return new Rejected(ErrorCode.PAYLOAD_TOO_LARGE, what + " exceeds a JSON limit: " + e.getMessage());
        }
        String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        JsonLocation at = e instanceof JsonProcessingException jpe ? jpe.getLocation() : null;
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new Rejected(ErrorCode.INVALID_JSON, what + " is not valid JSON" + where + ": " + firstLine(detail));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable input";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        int marker = line.indexOf(" (start marker");
        return marker < 0 ? line : line.substring(0, marker);
    }
}

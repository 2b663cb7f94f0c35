package io.toolgate.invoke;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.config.ToolgateConfig;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/**
 * Replaces sensitive argument values with a short sha256 prefix before they are kept anywhere: equal secrets stay
 * recognisable as equal, but none can be read back.
 */
@Singleton
public class ArgumentRedactor {

    private static final Set<String> BUILT_IN = Set.of("password", "passwd", "secret", "token", "api_key",
            "apikey", "authorization", "credit_card", "card_number", "cvv");

    private final Set<String> sensitive;

    @Inject
    public ArgumentRedactor(ToolgateConfig config) {
        Set<String> all = new HashSet<>(BUILT_IN);
        config.audit().sensitiveKeys().orElse(Set.of()).forEach(k -> all.add(k.toLowerCase(Locale.ROOT)));
        this.sensitive = Set.copyOf(all);
    }

    public JsonNode redact(JsonNode arguments) {
        if (arguments == null || !arguments.isContainerNode()) {
            return arguments;
        }
        if (!containsSensitive(arguments)) {
            // Most calls carry no secret: share the arguments instead of copying them. Nothing mutates them later.
            return arguments;
        }
        JsonNode copy = arguments.deepCopy();
        redactInPlace(copy);
        return copy;
    }

    public boolean isSensitive(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace('-', '_');
        for (String s : sensitive) {
            if (k.contains(s)) {
                return true;
            }
        }
        return false;
    }

    public static String fingerprint(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean containsSensitive(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> it = object.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> field = it.next();
                if (isSensitive(field.getKey()) || containsSensitive(field.getValue())) {
                    return true;
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                if (containsSensitive(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void redactInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> it = object.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> field = it.next();
                if (isSensitive(field.getKey()) && !field.getValue().isNull()) {
                    JsonNode v = field.getValue();
                    field.setValue(object.textNode(fingerprint(v.isTextual() ? v.asText() : v.toString())));
                } else {
                    redactInPlace(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(this::redactInPlace);
        }
    }
}

package io.toolgate.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.declarative.DefinitionReader;
import io.toolgate.tool.ConfinedPaths;
import io.toolgate.tool.ToolException;

/**
 * Reads one prompt file (YAML, or JSON for {@code .json}) into a {@link PromptDefinition}. Every problem is an
 * IllegalArgumentException whose message names the key and what is wrong, because the operator sees it as is
 * ({@code GET /tool-sources}). The format is in docs/resources-prompts.md.
 */
final class PromptFileReader {

    private static final Set<String> KEYS = Set.of("name", "title", "description", "roles", "arguments", "messages");
    private static final Set<String> ARGUMENT_KEYS = Set.of("name", "description", "required", "completion",
            "completer");
    private static final Set<String> MESSAGE_KEYS = Set.of("role", "text", "image", "resource");
    private static final int MAX_IMAGE_BYTES = 1 << 20;

    private PromptFileReader() {
    }

    /**
     * @param imageFolder where {@code image.path} is looked up (confined to it); null where images must be inline
     */
    static PromptDefinition read(byte[] content, String fileName, Path imageFolder) {
        ObjectNode d;
        try {
            d = DefinitionReader.tree(content, fileName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("one tool", "one prompt"));
        }
        unknownKeys(d, KEYS, "");
        String name = text(d, "name", true);
        List<PromptArgument> arguments = new ArrayList<>();
        JsonNode args = d.path("arguments");
        if (!args.isMissingNode() && !args.isArray()) {
            throw new IllegalArgumentException("arguments must be a list");
        }
        for (int i = 0; i < args.size(); i++) {
            arguments.add(argument(args.get(i), "arguments[" + i + "]"));
        }
        JsonNode msgs = d.path("messages");
        if (!msgs.isArray() || msgs.isEmpty()) {
            throw new IllegalArgumentException("messages must be a list of at least one message");
        }
        Set<String> declared = new TreeSet<>();
        arguments.forEach(a -> declared.add(a.name()));
        List<PromptMessage> messages = new ArrayList<>();
        for (int i = 0; i < msgs.size(); i++) {
            messages.add(message(msgs.get(i), "messages[" + i + "]", declared, imageFolder));
        }
        Set<String> roles = new LinkedHashSet<>();
        JsonNode r = d.path("roles");
        if (r.isTextual()) {
            roles.add(r.asText());
        } else if (r.isArray()) {
            r.forEach(role -> roles.add(role.asText()));
        } else if (!r.isMissingNode()) {
            throw new IllegalArgumentException("roles must be a role name or a list of them");
        }
        return new PromptDefinition(name, text(d, "title", false), text(d, "description", true), roles, arguments,
                messages, fileName);
    }

    private static PromptArgument argument(JsonNode a, String where) {
        if (!a.isObject()) {
            throw new IllegalArgumentException(where + " must be an object with name, description and required");
        }
        unknownKeys(a, ARGUMENT_KEYS, where + ".");
        String name = text(a, "name", true, where + ".name");
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException(where + ".name must be 1 to 64 letters, digits, '_', '-' or '.'");
        }
        JsonNode required = a.path("required");
        if (!required.isMissingNode() && !required.isBoolean()) {
            throw new IllegalArgumentException(where + ".required must be true or false");
        }
        List<String> values = new ArrayList<>();
        JsonNode completion = a.path("completion");
        if (!completion.isMissingNode()) {
            if (!completion.path("values").isArray() || completion.size() != 1) {
                throw new IllegalArgumentException(where + ".completion must be {values: [...]}");
            }
            completion.path("values").forEach(v -> values.add(v.asText()));
        }
        String completer = text(a, "completer", false, where + ".completer");
        if (completer != null && !values.isEmpty()) {
            throw new IllegalArgumentException(where + " has both completion values and a completer; keep one");
        }
        return new PromptArgument(name, text(a, "description", false, where + ".description"),
                required.asBoolean(false), values, completer, text(a, "ask", false, where + ".ask"));
    }

    private static PromptMessage message(JsonNode m, String where, Set<String> declared, Path imageFolder) {
        if (!m.isObject()) {
            throw new IllegalArgumentException(where + " must be an object with a role and one of text, image,"
                    + " resource");
        }
        unknownKeys(m, MESSAGE_KEYS, where + ".");
        String role = m.path("role").asText("user");
        if (!role.equals("user") && !role.equals("assistant")) {
            throw new IllegalArgumentException(where + ".role must be user or assistant, got " + role);
        }
        int kinds = (m.has("text") ? 1 : 0) + (m.has("image") ? 1 : 0) + (m.has("resource") ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException(where + " must have exactly one of text, image, resource");
        }
        PromptContent content;
        if (m.has("text")) {
            String text = text(m, "text", true, where + ".text");
            placeholdersDeclared(text, declared, where + ".text");
            content = new PromptContent.Text(text);
        } else if (m.has("image")) {
            content = image(m.get("image"), where + ".image", imageFolder);
        } else {
            content = resource(m.get("resource"), where + ".resource", declared);
        }
        return new PromptMessage(role, content);
    }

    private static PromptContent image(JsonNode image, String where, Path imageFolder) {
        String mimeType = text(image, "mime_type", true, where + ".mime_type");
        if (!mimeType.startsWith("image/")) {
            throw new IllegalArgumentException(where + ".mime_type must be an image type, got " + mimeType);
        }
        if (image.has("data") == image.has("path")) {
            throw new IllegalArgumentException(where + " needs exactly one of data (base64) and path");
        }
        if (image.has("data")) {
            String data = text(image, "data", true, where + ".data");
            try {
                Base64.getDecoder().decode(data);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".data is not base64");
            }
            return new PromptContent.Image(data, mimeType);
        }
        if (imageFolder == null) {
            throw new IllegalArgumentException(where + ".path is only possible in the prompts folder; give data");
        }
        String path = text(image, "path", true, where + ".path");
        // The image is read once, here, under the same confinement as read_file: within the prompts folder only.
        try {
            Path real = ConfinedPaths.resolveExisting(ConfinedPaths.realRoot(imageFolder), path,
                    () -> new ToolException("no file " + path + " in the prompts folder"));
            try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
                byte[] bytes = in.readNBytes(MAX_IMAGE_BYTES + 1);
                if (bytes.length > MAX_IMAGE_BYTES) {
                    throw new IllegalArgumentException(where + ".path names a file over " + MAX_IMAGE_BYTES
                            + " bytes");
                }
                return new PromptContent.Image(Base64.getEncoder().encodeToString(bytes), mimeType);
            }
        } catch (ToolException e) {
            throw new IllegalArgumentException(where + ".path: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ".path " + path + " could not be read");
        }
    }

    private static PromptContent resource(JsonNode resource, String where, Set<String> declared) {
        if (!resource.isObject()) {
            throw new IllegalArgumentException(where + " must be {uri: ...} (read from the resources) or {uri,"
                    + " mime_type, text} (given here)");
        }
        unknownKeys(resource, Set.of("uri", "mime_type", "text", "blob"), where + ".");
        String uri = text(resource, "uri", true, where + ".uri");
        placeholdersDeclared(uri, declared, where + ".uri");
        if (!resource.has("text") && !resource.has("blob")) {
            if (resource.has("mime_type")) {
                throw new IllegalArgumentException(where + ".mime_type is only for contents given here (text or"
                        + " blob); a resource read from the catalog brings its own");
            }
            return new PromptContent.Resource(uri);
        }
        if (resource.has("text") && resource.has("blob")) {
            throw new IllegalArgumentException(where + " needs text or blob, not both");
        }
        String text = text(resource, "text", false, where + ".text");
        placeholdersDeclared(text, declared, where + ".text");
        return new PromptContent.InlineResource(uri, text(resource, "mime_type", false, where + ".mime_type"), text,
                text(resource, "blob", false, where + ".blob"));
    }

    private static void placeholdersDeclared(String template, Set<String> declared, String where) {
        Set<String> unknown = new TreeSet<>(Placeholders.names(template));
        unknown.removeAll(declared);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(where + " uses {{" + String.join("}}, {{", unknown)
                    + "}}, which is not among the arguments " + declared);
        }
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String prefix) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!known.contains(k)) {
                unknown.add(prefix + k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown key(s) " + unknown + "; known keys are " + new TreeSet<>(known));
        }
    }

    private static String text(JsonNode node, String key, boolean required) {
        return text(node, key, required, key);
    }

    private static String text(JsonNode node, String key, boolean required, String where) {
        JsonNode v = node.path(key);
        if (v.isMissingNode() || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException(where + " is required");
            }
            return null;
        }
        if (!v.isTextual() || (required && v.asText().isBlank())) {
            throw new IllegalArgumentException(where + " must be " + (required ? "non-empty " : "") + "text");
        }
        return v.asText();
    }
}

package io.toolgate.discovery;

import java.util.EnumMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolFormats;

/**
 * What offering a tool costs a model: the tokens of its definition in each published format, counted with OpenAI's
 * {@code o200k_base} tokenizer (jtokkit) over the JSON the format sends. That is exact for the OpenAI formats (the
 * providers wrap tool definitions in a few framing tokens of their own, not counted here); for Anthropic, Gemini,
 * Bedrock and MCP, whose tokenizers are not public, the same count is an estimate of the same order. Counted once per
 * definition (the registry replaces definitions, it never changes one).
 */
public final class TokenCost {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    private static final Cache<ToolDefinition, Map<ToolFormats.Format, Integer>> COUNTED = Caffeine.newBuilder()
            .weakKeys().build();

    private TokenCost() {
    }

    /** The tokens of one tool's definition in one format. */
    public static int of(ToolDefinition tool, ToolFormats.Format format) {
        return all(tool).get(format);
    }

    /** The tokens of one tool's definition in every format. */
    public static Map<ToolFormats.Format, Integer> all(ToolDefinition tool) {
        return COUNTED.get(tool, t -> {
            Map<ToolFormats.Format, Integer> counts = new EnumMap<>(ToolFormats.Format.class);
            for (ToolFormats.Format f : ToolFormats.Format.values()) {
                counts.put(f, count(ToolFormats.render(t, f, false)));
            }
            return counts;
        });
    }

    /** The tokens of any JSON value, as it would be sent. */
    public static int count(Object json) {
        try {
            return ENCODING.countTokens(JSON.writeValueAsString(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

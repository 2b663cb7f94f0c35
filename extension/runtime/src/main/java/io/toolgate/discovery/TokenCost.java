package io.toolgate.discovery;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

import io.toolgate.tool.AfterStartUp;
import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolFormats;

/**
 * What offering a tool costs a model: the tokens of its definition in each published format, counted with OpenAI's
 * {@code o200k_base} tokenizer (jtokkit) over the JSON the format sends. That is exact for the OpenAI formats (the
 * providers wrap tool definitions in a few framing tokens of their own, not counted here); for Anthropic, Gemini,
 * Bedrock and MCP, whose tokenizers are not public, the same count is an estimate of the same order. Counted once per
 * definition (the registry replaces definitions, it never changes one).
 *
 * <p>Loading the tokenizer's vocabulary costs 0.2 s of CPU (0.35 s while the JIT is cold), so a listing answered
 * right after start-up does not wait for it: {@link #loaded()} says whether counting is cheap yet, and
 * {@link #loadLater} loads it in the background.
 */
public final class TokenCost {

    private static final AtomicBoolean LOAD_ASKED = new AtomicBoolean();
    private static volatile boolean loaded;

    private TokenCost() {
    }

    /** The tokens of one tool's definition in one format. */
    public static int of(ToolDefinition tool, ToolFormats.Format format) {
        return all(tool).get(format);
    }

    /** The tokens of one tool's definition in every format. */
    public static Map<ToolFormats.Format, Integer> all(ToolDefinition tool) {
        return Counting.COUNTED.get(tool, t -> {
            Map<ToolFormats.Format, Integer> counts = new EnumMap<>(ToolFormats.Format.class);
            for (ToolFormats.Format f : ToolFormats.Format.values()) {
                counts.put(f, count(ToolFormats.render(t, f, false)));
            }
            return counts;
        });
    }

    /** Whether the vocabulary is loaded, so that counting costs microseconds rather than its loading. */
    public static boolean loaded() {
        return loaded;
    }

    /** Loads the vocabulary on the background thread after start-up, unless it is loaded or asked for already. */
    public static void loadLater(AfterStartUp afterStartUp) {
        if (!loaded && LOAD_ASKED.compareAndSet(false, true)) {
            afterStartUp.submit("Loading the tokenizer", () -> count(""));
        }
    }

    /** The tokens of any JSON value, as it would be sent. */
    public static int count(Object json) {
        try {
            return Counting.ENCODING.countTokens(Counting.JSON.writeValueAsString(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What counting needs, made on the first count (class initialisation runs once, and callers wait for it); apart
     * from {@link TokenCost} so that asking {@link #loaded()} on a listing loads none of it.
     */
    private static final class Counting {
        static final ObjectMapper JSON = new ObjectMapper();
        static final Cache<ToolDefinition, Map<ToolFormats.Format, Integer>> COUNTED = Caffeine.newBuilder()
                .weakKeys().build();
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

        static {
            loaded = true;
        }
    }
}

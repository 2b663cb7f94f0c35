package io.toolgate.invoke;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.toolgate.config.ToolgateConfig;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/**
 * Cuts results that would not fit a model's context: an array keeps its leading elements, anything else becomes
 * the leading part of its JSON text. Either way the outcome says it was truncated and how big it was. For calls
 * through the MCP door the whole result is kept in the {@link ResultArchive} and the outcome carries its
 * {@link Outcome#resultUri()}: only that door can hand its client a link to read it.
 */
@Singleton
public class ResultLimitStage implements Stage {

    private static final Logger LOG = Logger.getLogger(ResultLimitStage.class);

    private final int maxBytes;
    private final ObjectMapper mapper;
    private final ResultArchive archive;

    @Inject
    public ResultLimitStage(ToolgateConfig config, ObjectMapper mapper, ResultArchive archive) {
        this.maxBytes = config.limits().maxResultBytes();
        this.mapper = mapper;
        this.archive = archive;
    }

    /** Without an archive (embedded pipelines): results are cut and nothing is kept. */
    public ResultLimitStage(ToolgateConfig config, ObjectMapper mapper) {
        this(config, mapper, ResultArchive.NONE);
    }

    @Override
    public CompletionStage<Outcome> handle(Invocation call, Chain next) {
        if (call.doorResolved()) {
            // An MCP resource, prompt or completion answers with a protocol structure that cutting would break;
            // each source bounds its own size (documents: toolgate.demo.max-file-bytes).
            return next.proceed(call);
        }
        return next.proceed(call).thenCompose(outcome -> {
            Outcome limited = limit(outcome);
            if (limited == outcome || call.door() != Door.MCP) {
                return CompletableFuture.completedFuture(limited);
            }
            return archive.keep(call.principal(), call.toolName(), outcome.result(), limited.originalSize())
                    .handle((uri, failure) -> {
                        if (failure != null) {
                            LOG.warnf("The whole result of %s (request %s) could not be kept: %s", call.toolName(),
                                    call.requestId(), failure.getMessage());
                            return limited;
                        }
                        return uri == null ? limited : limited.withResultUri(uri);
                    });
        });
    }

    private Outcome limit(Outcome outcome) {
        if (!outcome.isSuccess() || outcome.result() == null) {
            return outcome;
        }
        JsonNode result = outcome.result();
        // Small scalars cannot exceed the limit; skip serialising them on the hot path.
        if (!result.isContainerNode() && !(result.isTextual() && result.asText().length() > maxBytes / 4)) {
            return outcome;
        }
        String text = text(result);
        if (text.length() <= maxBytes && utf8Length(text) <= maxBytes) {
            return outcome;
        }
        long original = utf8Length(text);
        if (result instanceof ArrayNode array) {
            ArrayNode kept = mapper.createArrayNode();
            long size = 2;
            for (JsonNode element : array) {
                long next = size + utf8Length(text(element)) + 1;
                if (next > maxBytes) {
                    break;
                }
                kept.add(element);
                size = next;
            }
            return Outcome.truncated(kept, original);
        }
        String cut = result.isTextual() ? result.asText() : text;
        return Outcome.truncated(TextNode.valueOf(prefix(cut, maxBytes)), original);
    }

    private String text(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    private static String prefix(String s, int maxBytes) {
        int end = Math.min(s.length(), maxBytes);
        while (end > 0 && utf8Length(s.substring(0, end)) > maxBytes) {
            end = end * 9 / 10;
        }
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}

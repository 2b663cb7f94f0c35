package io.toolgate.invoke;

import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.toolgate.config.ToolgateConfig;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/**
 * Cuts results that would not fit a model's context: an array keeps its leading elements, anything else becomes
 * the leading part of its JSON text. Either way the outcome says it was truncated and how big it was.
 */
@Singleton
public class ResultLimitStage implements Stage {

    private final int maxBytes;
    private final ObjectMapper mapper;

    @Inject
    public ResultLimitStage(ToolgateConfig config, ObjectMapper mapper) {
        this.maxBytes = config.limits().maxResultBytes();
        this.mapper = mapper;
    }

    @Override
    public CompletionStage<Outcome> handle(Invocation call, Chain next) {
        return next.proceed(call).thenApply(this::limit);
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

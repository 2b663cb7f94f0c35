package io.toolgate.agent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.langchain4j.model.output.TokenUsage;

/** Tokens of one model call or of a whole request; providers that report none count as zero. */
record Usage(int prompt, int completion, int total) {

    static final Usage NONE = new Usage(0, 0, 0);

    static Usage of(TokenUsage usage) {
        if (usage == null) {
            return NONE;
        }
        int p = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        int c = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        int t = usage.totalTokenCount() == null ? p + c : usage.totalTokenCount();
        return new Usage(p, c, t);
    }

    Usage plus(Usage other) {
        return new Usage(prompt + other.prompt, completion + other.completion, total + other.total);
    }

    ObjectNode json() {
        return JsonNodeFactory.instance.objectNode().put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", total);
    }
}

package io.toolgate.invoke;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/**
 * First validation layer: the arguments must be JSON, within the size and nesting limits, and an object. A model's
 * raw {@code arguments} string is parsed here, so every door accepts it untouched.
 */
@Singleton
public class ArgumentParsingStage implements Stage {

    private final JsonReading json;

    @Inject
    public ArgumentParsingStage(JsonReading json) {
        this.json = json;
    }

    @Override
    public CompletionStage<Outcome> handle(Invocation call, Chain next) {
        JsonNode node;
        Object raw = call.rawArguments();
        try {
            if (raw == null || (raw instanceof String s && s.isBlank())) {
                node = JsonNodeFactory.instance.objectNode();
            } else if (raw instanceof String s) {
                node = json.read(s, "arguments");
            } else if (raw instanceof UnreadableArguments unreadable) {
                throw unreadable.reason();
            } else {
                node = (JsonNode) raw;
            }
        } catch (JsonReading.Rejected e) {
            return CompletableFuture.completedFuture(e.toOutcome());
        }
        if (node.isNull()) {
            node = JsonNodeFactory.instance.objectNode();
        }
        if (!(node instanceof ObjectNode object)) {
            return CompletableFuture.completedFuture(Outcome.failure(ErrorCode.VALIDATION_ERROR,
                    "arguments must be a JSON object with the tool's parameters, got " + ValueText.shorten(node),
                    List.of(new FieldError("(arguments)", "type", "must be of type object, got "
                            + node.getNodeType().name().toLowerCase()))));
        }
        call.arguments(object);
        return next.proceed(call);
    }
}

package io.toolgate.invoke;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Singleton;

/** Second validation layer: the arguments against the tool's published input schema, all violations at once. */
@Singleton
public class SchemaValidationStage implements Stage {

    @Override
    public CompletionStage<Outcome> handle(Invocation call, Chain next) {
        List<FieldError> errors = call.tool().argumentSchema().validate(call.arguments());
        if (!errors.isEmpty()) {
            return CompletableFuture.completedFuture(rejection(call, errors));
        }
        return next.proceed(call);
    }

    static Outcome rejection(Invocation call, List<FieldError> errors) {
        StringBuilder message = new StringBuilder("Invalid arguments for tool '").append(call.toolName())
                .append("': ");
        for (int i = 0; i < errors.size(); i++) {
            FieldError e = errors.get(i);
            message.append(i == 0 ? "" : "; ").append(e.field()).append(' ').append(e.message());
        }
        return Outcome.failure(ErrorCode.VALIDATION_ERROR, message.toString(), errors);
    }
}

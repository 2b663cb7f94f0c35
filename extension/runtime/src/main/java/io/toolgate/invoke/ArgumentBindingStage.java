package io.toolgate.invoke;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.toolgate.tool.ArgumentsRejectedException;
import jakarta.inject.Singleton;

/**
 * Third validation layer: the executor binds the arguments to its own form and applies what the schema cannot say
 * (Bean Validation, custom constraints).
 */
@Singleton
public class ArgumentBindingStage implements Stage {

    @Override
    public CompletionStage<Outcome> handle(Invocation call, Chain next) {
        try {
            call.preparedCall(call.tool().definition().executor().prepare(call.arguments(), call.caller()));
        } catch (ArgumentsRejectedException e) {
            return CompletableFuture.completedFuture(SchemaValidationStage.rejection(call, e.violations()));
        }
        return next.proceed(call);
    }
}

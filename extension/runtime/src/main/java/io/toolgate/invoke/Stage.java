package io.toolgate.invoke;

import java.util.concurrent.CompletionStage;

/**
 * One step of the invocation pipeline, in the spirit of OkHttp's interceptors: a stage may pass the call on with
 * {@code next.proceed(call)}, answer it itself (an error Outcome), or wrap what the rest of the chain returns.
 */
@FunctionalInterface
public interface Stage {

    CompletionStage<Outcome> handle(Invocation call, Chain next);

    @FunctionalInterface
    interface Chain {
        CompletionStage<Outcome> proceed(Invocation call);
    }
}

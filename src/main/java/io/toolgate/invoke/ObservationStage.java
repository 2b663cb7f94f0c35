package io.toolgate.invoke;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The outermost stage: times the call, turns anything a stage failed to handle into UNKNOWN_ERROR, and hands every
 * outcome to the call history.
 */
@ApplicationScoped
public class ObservationStage implements Stage {

    private static final Logger LOG = Logger.getLogger(ObservationStage.class);

    private final CallHistory history;

    @Inject
    public ObservationStage(CallHistory history) {
        this.history = history;
    }

    @Override
    public CompletionStage<Outcome> handle(Invocation call, Chain next) {
        long start = System.nanoTime();
        CompletionStage<Outcome> result;
        try {
            result = next.proceed(call);
        } catch (RuntimeException e) {
            result = CompletableFuture.completedFuture(bug(call, e));
        }
        return result.handle((outcome, failure) -> {
            Outcome o = failure == null ? outcome : bug(call, failure);
            o.durationNanos(System.nanoTime() - start);
            history.record(call, o);
            return o;
        });
    }

    private static Outcome bug(Invocation call, Throwable t) {
        LOG.errorf(t, "Unexpected failure in the pipeline for tool %s (request %s)", call.toolName(), call.requestId());
        return Outcome.failure(ErrorCode.UNKNOWN_ERROR,
                "Toolgate failed to process the call (request " + call.requestId() + "); this is not caused by the"
                        + " arguments, retrying later may help");
    }
}

package io.toolgate.security;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.toolgate.invoke.ErrorCode;
import io.toolgate.invoke.Invocation;
import io.toolgate.invoke.Outcome;
import io.toolgate.invoke.Stage;
import jakarta.inject.Singleton;

/** A caller without one of the tool's roles gets FORBIDDEN, whatever door the call came through. */
@Singleton
public class AuthorizationStage implements Stage {

    @Override
    public CompletionStage<Outcome> handle(Invocation call, Chain next) {
        var roles = call.tool().definition().policy().roles();
        if (!call.caller().mayUse(roles)) {
            String need = roles.contains(Caller.ANY_AUTHENTICATED) ? "an authenticated caller"
                    : "one of the roles " + roles.stream().sorted().toList();
            return CompletableFuture.completedFuture(Outcome.failure(ErrorCode.FORBIDDEN,
                    "Tool '" + call.toolName() + "' requires " + need + "; caller '" + call.principal()
                            + "' may not call it"));
        }
        return next.proceed(call);
    }
}

package io.toolgate.security;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/** The caller of the current HTTP request, as the authentication filter established it; doors ask here. */
@Singleton
public class Callers {

    @Inject
    CurrentVertxRequest request;
    @Inject
    Authenticator authenticator;

    /**
     * Touches the request-scoped {@link CurrentVertxRequest}, which activates a CDI request context: fine for rare
     * requests; hot paths take the RoutingContext as a parameter and use {@link #of}.
     */
    public Caller current() {
        return of(request.getCurrent());
    }

    /** The caller of a request handled by a Vert.x route (the MCP door). */
    public Caller of(RoutingContext rc) {
        Caller caller = rc == null ? null : rc.get(AuthenticationFilter.CALLER);
        return caller != null ? caller : authenticator.anonymous();
    }

    /** The caller of a transport without authentication of its own (stdio: whoever launched the process). */
    public Caller anonymous() {
        return authenticator.anonymous();
    }
}

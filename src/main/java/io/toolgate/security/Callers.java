package io.toolgate.security;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The caller of the current HTTP request, as the authentication filter established it; doors ask here. */
@ApplicationScoped
public class Callers {

    @Inject
    CurrentVertxRequest request;
    @Inject
    Authenticator authenticator;

    public Caller current() {
        RoutingContext rc = request.getCurrent();
        Caller caller = rc == null ? null : rc.get(AuthenticationFilter.CALLER);
        return caller != null ? caller : authenticator.anonymous();
    }
}

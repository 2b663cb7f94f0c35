package io.toolgate.security;

import java.util.Set;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
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

    /**
     * The caller of a request handled by a Vert.x route (the MCP door): the one Toolgate's own credentials (API key,
     * token) established, else the application's own Quarkus Security identity (quarkus-oidc, quarkus-security, form
     * or basic authentication...), else the anonymous caller.
     */
    public Caller of(RoutingContext rc) {
        Caller caller = identity(rc);
        // A request that came through a virtual server's address sees only its catalogue.
        Caller.Scope scope = rc == null ? null : rc.get(VIRTUAL_SERVER);
        return scope == null ? caller : caller.within(scope);
    }

    /** Where a door puts the virtual server a request came through (a {@link Caller.Scope}). */
    public static final String VIRTUAL_SERVER = "toolgate.virtual-server";

    private Caller identity(RoutingContext rc) {
        Caller caller = rc == null ? null : rc.get(AuthenticationFilter.CALLER);
        if (caller != null && caller.authenticated()) {
            return caller;
        }
        Caller application = rc == null ? null : applicationIdentity(rc);
        if (application != null) {
            return application;
        }
        return caller != null ? caller : authenticator.anonymous();
    }

    /**
     * Quarkus authenticates proactively (its default) before any route runs, so the identity is on the request by
     * the time a door asks; its roles are the caller's roles for Toolgate's per-tool checks.
     */
    private static Caller applicationIdentity(RoutingContext rc) {
        if (rc.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            if (identity != null && !identity.isAnonymous()) {
                return new Caller(identity.getPrincipal().getName(), Set.copyOf(identity.getRoles()),
                        "quarkus-security");
            }
        }
        return null;
    }

    /** The caller of a transport without authentication of its own (stdio: whoever launched the process). */
    public Caller anonymous() {
        return authenticator.anonymous();
    }
}

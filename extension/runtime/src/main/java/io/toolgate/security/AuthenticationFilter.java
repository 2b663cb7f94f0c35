package io.toolgate.security;

import java.util.List;

import io.toolgate.config.ToolgateConfig;
import io.toolgate.invoke.ErrorCode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Authenticates every HTTP request before any door sees it, so REST, batch, MCP and the agent endpoint share one
 * check. Health, metrics and OpenAPI under {@code /q/} stay open for probes, and so do GET requests under
 * {@code toolgate.security.public-paths} (the standalone server's console pages and their libraries): a page cannot
 * send a header when the browser loads it, and it holds no data (everything it shows comes from the API, with the
 * credential the user signs in with).
 */
@ApplicationScoped
public class AuthenticationFilter {

    static final String CALLER = "toolgate.caller";

    @Inject
    Authenticator authenticator;
    @Inject
    ToolgateConfig config;

    /** {@code toolgate.security.public-paths} without their trailing slashes, read once. */
    private List<String> publicPrefixes = List.of();

    void install(@Observes Router router) {
        publicPrefixes = config.security().publicPaths().orElse(List.of()).stream()
                .map(p -> p.endsWith("/") ? p.substring(0, p.length() - 1) : p).toList();
        router.route().order(Integer.MIN_VALUE + 100).handler(this::authenticate);
    }

    private void authenticate(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (path.startsWith("/q/") || (rc.request().method() == HttpMethod.GET && isPublic(path))) {
            rc.next();
            return;
        }
        try {
            rc.put(CALLER, authenticator.authenticate(bearer(rc.request().getHeader("Authorization")),
                    rc.request().getHeader("X-API-Key")));
            rc.next();
        } catch (Authenticator.Failed e) {
            JsonObject error = new JsonObject().put("code", ErrorCode.UNAUTHORIZED.name()).put("message", e.getMessage());
            rc.response().setStatusCode(ErrorCode.UNAUTHORIZED.httpStatus())
                    .putHeader("WWW-Authenticate", "Bearer realm=\"toolgate\"")
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("success", false).put("error", error).encode());
        }
    }

    /** Under a public prefix: {@code /console/} covers {@code /console} and everything below it. */
    private boolean isPublic(String path) {
        for (String bare : publicPrefixes) {
            if (path.equals(bare) || path.startsWith(bare + "/")) {
                return true;
            }
        }
        return false;
    }

    private static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String a = authorization.strip();
        if (a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return a.substring(7).strip();
        }
        // Another scheme (Basic, Digest) is presented but matches no credential: it fails, it is not ignored.
        return a.isEmpty() ? null : a;
    }
}

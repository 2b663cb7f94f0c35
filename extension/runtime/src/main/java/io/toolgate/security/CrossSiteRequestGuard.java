package io.toolgate.security;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses state-changing requests that a browser sends on behalf of another site (cross-site request forgery): a page
 * elsewhere must not approve a payment, cancel a run or call a tool with the credentials or the loopback trust of
 * someone who has the console open. The check is OWASP's "verify the origin with standard headers": browsers mark
 * every request with {@code Sec-Fetch-Site} (and send {@code Origin} on unsafe ones); only {@code same-origin} (the
 * console itself) and {@code none} (typed by the user) pass. A request without either header does not come from a
 * browser page and passes: API clients, SDKs, curl. {@code /mcp} has its own origin policy
 * ({@code toolgate.mcp.allowed-origins}), which browser-based MCP clients rely on.
 */
@ApplicationScoped
public class CrossSiteRequestGuard {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 90).handler(this::check);
    }

    private void check(RoutingContext rc) {
        if (SAFE.contains(rc.request().method()) || rc.normalizedPath().startsWith("/mcp")
                || fromThisSite(rc.request().getHeader("Sec-Fetch-Site"), rc.request().getHeader("Origin"),
                        rc.request().getHeader("Host"))) {
            rc.next();
            return;
        }
        JsonObject error = new JsonObject().put("code", "CROSS_SITE_REQUEST")
                .put("message", "a " + rc.request().method() + " from another site's page is refused (cross-site"
                        + " request forgery protection); call the API directly or from Toolgate's own console");
        rc.response().setStatusCode(403).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("success", false).put("error", error).encode());
    }

    /** Whether a request with these headers comes from this server's own pages, or not from a page at all. */
    static boolean fromThisSite(String fetchSite, String origin, String host) {
        if (fetchSite != null) {
            String site = fetchSite.strip().toLowerCase(Locale.ROOT);
            return site.equals("same-origin") || site.equals("none");
        }
        if (origin == null) {
            return true;
        }
        // A browser without Fetch Metadata: the Origin must name this host and port.
        try {
            URI o = URI.create(origin.strip());
            return o.getRawAuthority() != null && host != null && o.getRawAuthority().equalsIgnoreCase(host.strip());
        } catch (IllegalArgumentException e) {
            return false; // "null" (a sandboxed page) or garbage
        }
    }
}

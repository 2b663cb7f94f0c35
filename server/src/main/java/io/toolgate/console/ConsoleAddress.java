package io.toolgate.console;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code /console} without its slash: the console's files are static resources under
 * {@code META-INF/resources/console/}, served at {@code /console/} (its index.html), so the short address redirects
 * there.
 */
@ApplicationScoped
public class ConsoleAddress {

    void install(@Observes Router router) {
        // Vert.x matches "/console" with and without the slash: only the bare address is redirected.
        router.get("/console").handler(rc -> {
            if (rc.request().path().equals("/console")) {
                rc.response().setStatusCode(302).putHeader("Location", "/console/").end();
            } else {
                rc.next();
            }
        });
    }
}

package io.toolgate.declarative;

import io.toolgate.config.ToolgateConfig;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The one {@link SafeHttpClient} of the application and the factory that gives it to every HTTP tool, made when the
 * first HTTP tool is defined: an application without any does not pay for them at start-up (about 25 ms).
 */
@ApplicationScoped
public class OutboundClients {

    private record Made(SafeHttpClient client, HttpToolFactory factory) {
    }

    private final Vertx vertx;
    private final ToolgateConfig config;
    private volatile Made made;

    @Inject
    public OutboundClients(Vertx vertx, ToolgateConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    public SafeHttpClient client() {
        return made().client();
    }

    public HttpToolFactory factory() {
        return made().factory();
    }

    private Made made() {
        Made m = made;
        if (m == null) {
            synchronized (this) {
                m = made;
                if (m == null) {
                    SafeHttpClient client = new SafeHttpClient(vertx, HostResolver.SYSTEM,
                            config.declarative().maxRedirects());
                    m = new Made(client, new HttpToolFactory(client, config.declarative().maxResponseBytes(),
                            config.defaults().timeout(), System::getenv));
                    made = m;
                }
            }
        }
        return m;
    }

    @PreDestroy
    void close() {
        Made m = made;
        if (m != null) {
            m.client().close();
        }
    }
}

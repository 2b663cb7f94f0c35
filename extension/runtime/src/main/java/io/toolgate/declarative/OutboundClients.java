package io.toolgate.declarative;

import io.toolgate.config.ToolgateConfig;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The one {@link SafeHttpClient} of the application and the factory that gives it to every HTTP tool. */
@ApplicationScoped
public class OutboundClients {

    private final SafeHttpClient client;
    private final HttpToolFactory factory;

    @Inject
    public OutboundClients(Vertx vertx, ToolgateConfig config) {
        this.client = new SafeHttpClient(vertx, HostResolver.SYSTEM, config.declarative().maxRedirects());
        this.factory = new HttpToolFactory(client, config.declarative().maxResponseBytes(),
                config.defaults().timeout(), System::getenv);
    }

    public SafeHttpClient client() {
        return client;
    }

    public HttpToolFactory factory() {
        return factory;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}

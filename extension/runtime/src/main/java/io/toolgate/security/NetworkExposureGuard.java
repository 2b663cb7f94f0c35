package io.toolgate.security;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.config.ToolgateConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Refuses to start a server that anyone on the network could call without credentials: a non-loopback listen address
 * needs authentication configured (Toolgate's own, or the application's Quarkus Security), or an explicit opt-out.
 */
@ApplicationScoped
public class NetworkExposureGuard {

    @Inject
    Authenticator authenticator;
    @Inject
    ToolgateConfig config;
    /** The application's own HTTP authentication (quarkus-oidc, basic or form login...), when it has one. */
    @Inject
    jakarta.enterprise.inject.Instance<io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism> mechanisms;
    @ConfigProperty(name = "quarkus.http.host", defaultValue = "127.0.0.1")
    String host;

    void check(@Observes StartupEvent start) {
        check(host, authenticator.required() || applicationAuthenticates(),
                config.security().allowUnauthenticatedNetwork());
    }

    /**
     * Whether the application authenticates requests itself: an authentication mechanism bean of its own or of an
     * extension such as quarkus-oidc, or basic authentication switched on. Quarkus registers its basic mechanism as a
     * bean in every application, so its mere presence says nothing.
     */
    private boolean applicationAuthenticates() {
        boolean basic = ConfigProvider.getConfig().getOptionalValue("quarkus.http.auth.basic", Boolean.class)
                .orElse(false);
        return basic || mechanisms.handlesStream().anyMatch(h -> !h.getBean().getBeanClass().getName()
                .equals("io.quarkus.vertx.http.runtime.security.BasicAuthenticationMechanism"));
    }

    static void check(String host, boolean authConfigured, boolean optedOut) {
        if (!isLoopback(host) && !authConfigured && !optedOut) {
            throw new IllegalStateException("Toolgate would listen on " + host + " with no authentication. Either"
                    + " configure API keys (toolgate.security.api-keys.\"<name>\".hash) or JWT"
                    + " (toolgate.security.jwt.*), or an authentication mechanism of the application's own"
                    + " (quarkus-oidc, basic or form login), or listen on loopback (quarkus.http.host=127.0.0.1), or accept the"
                    + " risk with toolgate.security.allow-unauthenticated-network=true.");
        }
    }

    static boolean isLoopback(String host) {
        String h = host.strip().toLowerCase();
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }
}

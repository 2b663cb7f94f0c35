package io.toolgate.gateway;

import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.config.ToolgateConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The upstreams of {@code toolgate.upstreams."<name>".*}, for deployments configured by environment rather than by
 * files: each becomes the tree an {@code mcp:} file would give, so the same reader checks it and {@link Upstreams}
 * runs it as {@code config:<name>}. A setting that breaks a rule fails start-up with the reader's message, as any
 * invalid configuration does.
 */
@ApplicationScoped
public class ConfiguredUpstreams {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    ToolgateConfig config;
    @Inject
    Upstreams upstreams;

    void start(@Observes StartupEvent event) {
        config.upstreams().forEach((name, u) -> {
            try {
                upstreams.load("config:" + name, tree(name, u));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("toolgate.upstreams.\"" + name + "\": " + e.getMessage(), e);
            }
        });
    }

    static ObjectNode tree(String name, ToolgateConfig.Upstream u) {
        ObjectNode d = JSON.objectNode();
        ObjectNode mcp = d.putObject("mcp").put("name", name);
        u.prefix().ifPresent(p -> mcp.put("prefix", p));
        u.pin().ifPresent(p -> mcp.put("pin", p));
        u.protocolVersion().ifPresent(v -> mcp.put("protocol_version", v));
        if (u.command().isPresent()) {
            ObjectNode stdio = mcp.putObject("stdio").put("executable", u.command().get());
            u.args().ifPresent(args -> args.forEach(stdio.putArray("args")::add));
            putMap(stdio, "env", u.env());
            u.passEnv().ifPresent(names -> names.forEach(stdio.putArray("pass_env")::add));
            putMap(stdio, "secrets", u.secrets());
            u.sandbox().ifPresent(s -> stdio.put("sandbox", s));
        }
        if (u.url().isPresent()) {
            ObjectNode http = mcp.putObject("http").put("url", u.url().get());
            putMap(http, "headers", u.headers());
            u.allowPrivateNetwork().ifPresent(a -> http.put("allow_private_network", a));
            if (u.authSecretEnv().isPresent()) {
                ObjectNode auth = http.putObject("auth").put("secret_env", u.authSecretEnv().get());
                u.authHeader().ifPresent(h -> auth.put("header", h));
                u.authScheme().ifPresent(s -> auth.put("scheme", s));
            }
            if (u.oauthTokenUrl().isPresent()) {
                ObjectNode oauth = http.putObject("oauth").put("token_url", u.oauthTokenUrl().get());
                u.oauthClientId().ifPresent(id -> oauth.put("client_id", id));
                u.oauthClientSecretEnv().ifPresent(env -> oauth.put("client_secret_env", env));
                u.oauthScope().ifPresent(scope -> oauth.put("scope", scope));
                u.oauthResource().ifPresent(resource -> oauth.put("resource", resource));
            }
            if (u.callerIdentitySecretEnv().isPresent()) {
                ObjectNode identity = http.putObject("caller_identity")
                        .put("secret_env", u.callerIdentitySecretEnv().get());
                u.callerIdentityHeader().ifPresent(h -> identity.put("header", h));
            }
        }
        u.timeout().ifPresent(t -> d.put("timeout", t.toMillis() + "ms"));
        u.maxConcurrency().ifPresent(c -> d.put("max_concurrency", c));
        u.roles().ifPresent(roles -> roles.forEach(d.putArray("roles")::add));
        return d;
    }

    private static void putMap(ObjectNode parent, String key, Map<String, String> values) {
        if (!values.isEmpty()) {
            ObjectNode m = parent.putObject(key);
            values.forEach(m::put);
        }
    }
}

package io.toolgate.gateway;

import static io.toolgate.command.CommandDefinitionReader.unknown;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.command.Sandbox;
import io.toolgate.declarative.DefinitionReader;

/**
 * Reads a definition file with an {@code mcp} block into an {@link UpstreamSpec}. Secrets never appear in the file:
 * it names the environment variables of Toolgate's process that hold them ({@code secrets}, {@code auth.secret_env}),
 * and a variable that is not set refuses the file. Every problem is an IllegalArgumentException naming the key and
 * the rule.
 */
final class UpstreamDefinitionReader {

    private static final Set<String> KEYS = Set.of("mcp", "timeout", "max_concurrency", "roles", "rate_limit");
    private static final Set<String> MCP_KEYS = Set.of("name", "prefix", "stdio", "http", "pin",
            "protocol_version");
    private static final Set<String> STDIO_KEYS = Set.of("executable", "args", "env", "pass_env", "secrets",
            "sandbox", "memory_mb", "open_files");
    private static final Set<String> HTTP_KEYS = Set.of("url", "headers", "auth", "oauth", "caller_identity",
            "allow_private_network");
    private static final Set<String> AUTH_KEYS = Set.of("header", "scheme", "secret_env");
    private static final Set<String> OAUTH_KEYS = Set.of("token_url", "client_id", "client_secret_env", "scope",
            "resource");
    private static final Set<String> IDENTITY_KEYS = Set.of("header", "secret_env");
    private static final Pattern HEADER_NAME = Pattern.compile("^[A-Za-z0-9-]{1,64}$");
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_-]{0,39}$");
    private static final Pattern PREFIX = Pattern.compile("^[A-Za-z0-9_.-]{0,32}$");
    private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private UpstreamDefinitionReader() {
    }

    /** @param environment Toolgate's own environment, where {@code pass_env} and secrets are read */
    static UpstreamSpec fromTree(ObjectNode d, String origin, UnaryOperator<String> environment) {
        unknown(d, KEYS, "");
        JsonNode m = d.get("mcp");
        if (!m.isObject()) {
            throw new IllegalArgumentException("mcp must be an object with name and either stdio or http");
        }
        unknown(m, MCP_KEYS, "mcp.");
        String name = DefinitionReader.requiredText(m, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("mcp.name must match " + NAME.pattern() + ", got '" + name + "'");
        }
        String prefix = m.hasNonNull("prefix") ? m.get("prefix").asText() : name.replace('-', '_') + "_";
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("mcp.prefix must match " + PREFIX.pattern() + ", got '" + prefix + "'");
        }
        if (m.has("stdio") == m.has("http")) {
            throw new IllegalArgumentException("mcp needs exactly one of stdio and http");
        }
        UpstreamSpec.Stdio stdio = m.has("stdio") ? stdio(m.get("stdio"), environment) : null;
        UpstreamSpec.Http http = m.has("http") ? http(m.get("http"), environment) : null;
        Duration timeout = d.has("timeout") ? DefinitionReader.duration(d.get("timeout").asText(), "timeout") : null;
        int concurrency = d.has("max_concurrency") ? DefinitionReader.positive(d, "max_concurrency") : 16;
        JsonNode pin = m.path("pin");
        if (!pin.isMissingNode() && !pin.isBoolean()) {
            throw new IllegalArgumentException("mcp.pin must be true or false");
        }
        String version = m.path("protocol_version").asText(UpstreamClient.ACCEPTED.get(0));
        if (!UpstreamClient.ACCEPTED.contains(version)) {
            throw new IllegalArgumentException("mcp.protocol_version must be one of " + UpstreamClient.ACCEPTED
                    + ", got '" + version + "'");
        }
        return new UpstreamSpec(name, prefix, stdio, http, timeout, concurrency, DefinitionReader.roles(d),
                DefinitionReader.rateLimit(d), pin.asBoolean(true), version, origin);
    }

    private static UpstreamSpec.Stdio stdio(JsonNode s, UnaryOperator<String> environment) {
        if (!s.isObject()) {
            throw new IllegalArgumentException("mcp.stdio must be an object with executable and args");
        }
        unknown(s, STDIO_KEYS, "mcp.stdio.");
        String executable = DefinitionReader.requiredText(s, "executable");
        List<String> args = new ArrayList<>();
        JsonNode a = s.get("args");
        if (a != null && !a.isNull()) {
            if (!a.isArray()) {
                throw new IllegalArgumentException("mcp.stdio.args must be a list of fixed strings");
            }
            for (JsonNode arg : a) {
                if (arg.isContainerNode()) {
                    throw new IllegalArgumentException("mcp.stdio.args must be a list of fixed strings");
                }
                args.add(arg.asText());
            }
        }
        Map<String, String> env = new LinkedHashMap<>(stringMap(s, "env", "mcp.stdio.env"));
        for (String passed : names(s, "pass_env")) {
            String value = environment.apply(passed);
            if (value != null) {
                env.put(passed, value);
            }
        }
        stringMap(s, "secrets", "mcp.stdio.secrets").forEach((variable, from) ->
                env.put(variable, secret(environment, from, "mcp.stdio.secrets." + variable)));
        String mode = s.path("sandbox").asText("none");
        Sandbox sandbox;
        try {
            sandbox = Sandbox.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mcp.stdio.sandbox must be none or bwrap, got '" + mode + "'");
        }
        Long memory = s.has("memory_mb") ? (long) DefinitionReader.positive(s, "memory_mb") : null;
        Integer files = s.has("open_files") ? DefinitionReader.positive(s, "open_files") : null;
        return new UpstreamSpec.Stdio(executable, List.copyOf(args), Map.copyOf(env), sandbox, memory, files);
    }

    private static UpstreamSpec.Http http(JsonNode h, UnaryOperator<String> environment) {
        if (!h.isObject()) {
            throw new IllegalArgumentException("mcp.http must be an object with url");
        }
        unknown(h, HTTP_KEYS, "mcp.http.");
        URI url = httpUrl(DefinitionReader.requiredText(h, "url"), "mcp.http.url");
        Map<String, String> headers = new LinkedHashMap<>(stringMap(h, "headers", "mcp.http.headers"));
        Set<String> secret = new LinkedHashSet<>();
        JsonNode auth = h.get("auth");
        if (auth != null && !auth.isNull()) {
            if (!auth.isObject()) {
                throw new IllegalArgumentException("mcp.http.auth must be an object with secret_env");
            }
            unknown(auth, AUTH_KEYS, "mcp.http.auth.");
            String header = auth.path("header").asText("Authorization");
            String scheme = auth.path("scheme").asText(header.equalsIgnoreCase("Authorization") ? "Bearer" : "");
            String value = secret(environment, DefinitionReader.requiredText(auth, "secret_env"),
                    "mcp.http.auth.secret_env");
            headers.put(header, scheme.isEmpty() ? value : scheme + " " + value);
            secret.add(header);
        }
        UpstreamSpec.OAuth oauth = oauth(h.get("oauth"), url, environment);
        if (oauth != null && auth != null && !auth.isNull()) {
            throw new IllegalArgumentException("mcp.http takes one of auth and oauth, not both");
        }
        return new UpstreamSpec.Http(url, Map.copyOf(headers), Set.copyOf(secret),
                h.path("allow_private_network").asBoolean(false), oauth, identity(h.get("caller_identity"),
                        environment));
    }

    private static UpstreamSpec.OAuth oauth(JsonNode o, URI url, UnaryOperator<String> environment) {
        if (o == null || o.isNull()) {
            return null;
        }
        if (!o.isObject()) {
            throw new IllegalArgumentException("mcp.http.oauth must be an object with token_url, client_id and"
                    + " client_secret_env");
        }
        unknown(o, OAUTH_KEYS, "mcp.http.oauth.");
        URI tokenUrl = httpUrl(DefinitionReader.requiredText(o, "token_url"),
                "mcp.http.oauth.token_url");
        String secretValue = secret(environment, DefinitionReader.requiredText(o, "client_secret_env"),
                "mcp.http.oauth.client_secret_env");
        // The token's audience is the upstream itself unless the file names another (RFC 8707).
        String resource = o.hasNonNull("resource") ? o.get("resource").asText() : url.toString();
        return new UpstreamSpec.OAuth(tokenUrl, DefinitionReader.requiredText(o, "client_id"), secretValue,
                o.hasNonNull("scope") ? o.get("scope").asText() : null, resource.isEmpty() ? null : resource);
    }

    private static UpstreamSpec.Identity identity(JsonNode i, UnaryOperator<String> environment) {
        if (i == null || i.isNull()) {
            return null;
        }
        if (!i.isObject()) {
            throw new IllegalArgumentException("mcp.http.caller_identity must be an object with secret_env");
        }
        unknown(i, IDENTITY_KEYS, "mcp.http.caller_identity.");
        String header = i.path("header").asText("X-Toolgate-Caller");
        if (!HEADER_NAME.matcher(header).matches() || header.equalsIgnoreCase("Authorization")) {
            throw new IllegalArgumentException("mcp.http.caller_identity.header must be a header name other than"
                    + " Authorization, got '" + header + "'");
        }
        String key = secret(environment, DefinitionReader.requiredText(i, "secret_env"),
                "mcp.http.caller_identity.secret_env");
        if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < CallerIdentity.MIN_KEY_BYTES) {
            throw new IllegalArgumentException("mcp.http.caller_identity.secret_env names a key of fewer than "
                    + CallerIdentity.MIN_KEY_BYTES + " bytes; HS256 needs at least that many");
        }
        return new UpstreamSpec.Identity(header, key);
    }

    /** An http or https URL with a host and no user info (the SSRF rules check the rest when it is called). */
    private static URI httpUrl(String text, String key) {
        try {
            URI uri = new URI(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getUserInfo() != null) {
                throw new IllegalArgumentException(key + " must be an http or https URL with a host and no user"
                        + " info, got '" + text + "'");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(key + " is not a URL: " + text);
        }
    }

    private static String secret(UnaryOperator<String> environment, String variable, String key) {
        if (!ENV_NAME.matcher(variable).matches()) {
            throw new IllegalArgumentException(key + " must name an environment variable, got '" + variable + "'");
        }
        String value = environment.apply(variable);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(key + " names the environment variable " + variable
                    + ", which is not set in Toolgate's environment");
        }
        return value;
    }

    private static Map<String, String> stringMap(JsonNode d, String key, String path) {
        JsonNode m = d.get(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (m == null || m.isNull()) {
            return out;
        }
        if (!m.isObject()) {
            throw new IllegalArgumentException(path + " must map names to text");
        }
        m.fields().forEachRemaining(e -> {
            if (e.getValue().isContainerNode()) {
                throw new IllegalArgumentException(path + "." + e.getKey() + " must be text");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }

    private static List<String> names(JsonNode d, String key) {
        JsonNode list = d.get(key);
        List<String> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("mcp.stdio." + key + " must be a list of variable names");
        }
        for (JsonNode n : list) {
            if (!ENV_NAME.matcher(n.asText()).matches()) {
                throw new IllegalArgumentException("mcp.stdio." + key + " holds '" + n.asText() + "', which is not a"
                        + " variable name");
            }
            out.add(n.asText());
        }
        return out;
    }
}

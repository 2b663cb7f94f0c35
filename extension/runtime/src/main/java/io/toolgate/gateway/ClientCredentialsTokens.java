package io.toolgate.gateway;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.toolgate.declarative.OutboundPolicy;
import io.toolgate.declarative.OutboundRequest;
import io.toolgate.declarative.OutboundResponse;
import io.toolgate.declarative.SafeHttpClient;
import io.toolgate.tool.UpstreamException;

/**
 * Toolgate's own access token for one HTTP upstream, by the OAuth 2.1 client credentials grant: fetched from the
 * token endpoint when first needed, kept until shortly before it expires (or until the upstream refuses it), and
 * shared by every call, so the authorization server sees one request per token lifetime, not one per call. The
 * client authenticates with HTTP Basic (RFC 6749 §2.3.1) and names the upstream as the token's audience with the
 * {@code resource} parameter (RFC 8707), as the MCP authorization spec asks.
 *
 * <p>
 * Written on {@link SafeHttpClient} rather than an OIDC client library so that the token endpoint falls under the
 * same SSRF rules as the upstream itself (public addresses only unless allowed; the secret header never follows a
 * redirect to another host); the grant is one form POST and a JSON answer.
 */
final class ClientCredentialsTokens {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Renewed this long before it expires, so a call never starts with a token about to lapse. */
    private static final Duration EARLY = Duration.ofSeconds(30);
    /** How long a token without {@code expires_in} is kept (until the upstream refuses it, at most this). */
    private static final Duration WITHOUT_EXPIRY = Duration.ofHours(1);

    private final String upstream;
    private final UpstreamSpec.OAuth settings;
    private final SafeHttpClient client;
    private final OutboundPolicy policy;
    private String token;
    private long renewAtNanos;
    private int issued;

    ClientCredentialsTokens(String upstream, UpstreamSpec.OAuth settings, SafeHttpClient client,
            OutboundPolicy policy) {
        this.upstream = upstream;
        this.settings = settings;
        this.client = client;
        this.policy = policy;
    }

    /** A valid access token, fetching one when there is none or it is about to expire. */
    synchronized String token() throws InterruptedException {
        if (token != null && System.nanoTime() - renewAtNanos < 0) {
            return token;
        }
        token = null;
        OutboundResponse response = client.send(new OutboundRequest("POST", settings.tokenUrl(), headers(),
                form().getBytes(StandardCharsets.UTF_8), Set.of("Authorization")), policy);
        JsonNode answer = json(response);
        if (response.status() / 100 != 2) {
            String error = answer.path("error").asText("HTTP " + response.status());
            String description = answer.path("error_description").asText("");
            throw new UpstreamException("the token endpoint of the upstream " + upstream + " refused Toolgate's client"
                    + " credentials: " + error + (description.isEmpty() ? "" : " (" + description + ")"));
        }
        String access = answer.path("access_token").asText("");
        if (access.isEmpty() || !"bearer".equalsIgnoreCase(answer.path("token_type").asText("bearer"))) {
            throw new UpstreamException("the token endpoint of the upstream " + upstream + " answered without a"
                    + " bearer access_token");
        }
        long seconds = answer.path("expires_in").canConvertToLong() ? answer.path("expires_in").asLong() : -1;
        Duration lifetime = seconds > 0 ? Duration.ofSeconds(seconds) : WITHOUT_EXPIRY;
        Duration keep = lifetime.compareTo(EARLY.multipliedBy(2)) > 0 ? lifetime.minus(EARLY) : lifetime.dividedBy(2);
        renewAtNanos = System.nanoTime() + keep.toNanos();
        token = access;
        issued++;
        return token;
    }

    /** The upstream answered 401 to this token: the next call fetches a fresh one. */
    synchronized void refused(String refused) {
        if (refused.equals(token)) {
            token = null;
        }
    }

    /** Tokens fetched so far (for tests and the health details). */
    synchronized int issued() {
        return issued;
    }

    private Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/x-www-form-urlencoded");
        h.put("Accept", "application/json");
        String pair = encode(settings.clientId()) + ":" + encode(settings.clientSecret());
        h.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        return h;
    }

    private String form() {
        List<String> fields = new ArrayList<>();
        fields.add("grant_type=client_credentials");
        if (settings.scope() != null) {
            fields.add("scope=" + encode(settings.scope()));
        }
        if (settings.resource() != null) {
            fields.add("resource=" + encode(settings.resource()));
        }
        return String.join("&", fields);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private JsonNode json(OutboundResponse response) {
        try {
            return response.body().length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UpstreamException("the token endpoint of the upstream " + upstream + " answered HTTP "
                    + response.status() + " with a body that is not JSON");
        }
    }
}

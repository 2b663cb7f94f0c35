package io.toolgate.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;
import io.toolgate.config.ToolgateConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Turns presented credentials into a {@link Caller}: an API key (compared by its sha256 with the configured hashes,
 * in constant time) or a JWT (signature, expiry, issuer and audience verified by smallrye-jwt, so a token minted
 * for another service is refused rather than passed through).
 */
@ApplicationScoped
public class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class);

    /** Why authentication failed, in words safe to send back. */
    public static final class Failed extends Exception {
        Failed(String message) {
            super(message, null, false, false);
        }
    }

    private record Key(String principal, byte[] hash, Set<String> roles) {
    }

    private final List<Key> apiKeys = new ArrayList<>();
    private final DefaultJWTParser jwtParser;
    private final PublicKey jwtKey;
    private final String rolesClaim;
    private final Set<String> anonymousRoles;

    @Inject
    public Authenticator(ToolgateConfig config) {
        ToolgateConfig.Security security = config.security();
        for (Map.Entry<String, ToolgateConfig.ApiKey> e : security.apiKeys().entrySet()) {
            apiKeys.add(new Key(e.getKey(), parseHash(e.getKey(), e.getValue().hash()),
                    e.getValue().roles().orElse(Set.of())));
        }
        ToolgateConfig.Jwt jwt = security.jwt();
        if (jwt.enabled()) {
            String location = jwt.publicKeyLocation().orElseThrow(() -> new IllegalStateException(
                    "toolgate.security.jwt.enabled=true needs toolgate.security.jwt.public-key-location"));
            String issuer = jwt.issuer().orElseThrow(() -> new IllegalStateException(
                    "toolgate.security.jwt.enabled=true needs toolgate.security.jwt.issuer"));
            Set<String> audiences = jwt.audiences().orElseThrow(() -> new IllegalStateException(
                    "toolgate.security.jwt.enabled=true needs toolgate.security.jwt.audiences: without an audience"
                            + " check, tokens minted for other services would be accepted"));
            JWTAuthContextInfo info = new JWTAuthContextInfo((String) null, issuer);
            info.setExpectedAudience(audiences);
            info.setGroupsPath(jwt.rolesClaim());
            this.jwtParser = new DefaultJWTParser(info);
            this.jwtKey = readKey(location);
        } else {
            this.jwtParser = null;
            this.jwtKey = null;
        }
        this.rolesClaim = jwt.rolesClaim();
        this.anonymousRoles = security.anonymousRoles().orElse(Set.of());
    }

    /** True when any credential is configured; from then on every call must present one. */
    public boolean required() {
        return !apiKeys.isEmpty() || jwtParser != null;
    }

    public Caller anonymous() {
        return Caller.anonymous(anonymousRoles);
    }

    /**
     * @param bearer the token of an {@code Authorization: Bearer} header, or null
     * @param apiKey the value of an {@code X-API-Key} header, or null
     * @return the caller; anonymous when nothing is configured and nothing was presented
     */
    public Caller authenticate(String bearer, String apiKey) throws Failed {
        String presented = apiKey != null ? apiKey : bearer;
        if (presented == null || presented.isBlank()) {
            if (required()) {
                throw new Failed("authentication required: send Authorization: Bearer <api key or token>"
                        + " or X-API-Key: <api key>");
            }
            return anonymous();
        }
        if (!required()) {
            // Nothing to check them against: clients that always send a token still work on a local server.
            return anonymous();
        }
        byte[] hash = sha256(presented.strip());
        for (Key key : apiKeys) {
            if (MessageDigest.isEqual(key.hash(), hash)) {
                return new Caller(key.principal(), key.roles(), "api-key");
            }
        }
        if (jwtParser != null && apiKey == null && looksLikeJwt(presented)) {
            return fromToken(presented.strip());
        }
        throw new Failed("the API key or token is not valid");
    }

    private Caller fromToken(String token) throws Failed {
        try {
            JsonWebToken jwt = jwtParser.verify(token, jwtKey);
            Set<String> roles = new HashSet<>(jwt.getGroups() == null ? Set.of() : jwt.getGroups());
            String principal = jwt.getName() != null ? jwt.getName() : jwt.getSubject();
            if (principal == null) {
                throw new Failed("the token names no subject");
            }
            return new Caller(principal, Set.copyOf(roles), "jwt");
        } catch (ParseException e) {
            // The reason (expired, wrong issuer or audience, bad signature) stays in the log: telling a caller
            // which check failed helps a forger more than a client.
            LOG.debugf("JWT refused: %s", e.getMessage());
            throw new Failed("the token is not valid for this server");
        }
    }

    private static boolean looksLikeJwt(String s) {
        int first = s.indexOf('.');
        return first > 0 && s.indexOf('.', first + 1) > first;
    }

    private static PublicKey readKey(String location) {
        try {
            String pem;
            if (location.startsWith("classpath:")) {
                try (var in = Thread.currentThread().getContextClassLoader()
                        .getResourceAsStream(location.substring("classpath:".length()))) {
                    if (in == null) {
                        throw new IllegalStateException("no JWT public key at " + location);
                    }
                    pem = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } else {
                pem = java.nio.file.Files.readString(java.nio.file.Path.of(location));
            }
            return KeyUtils.decodePublicKey(pem);
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the JWT public key at " + location + ": " + e.getMessage());
        }
    }

    private static byte[] parseHash(String principal, String configured) {
        String hex = configured.strip().toLowerCase(Locale.ROOT);
        if (hex.startsWith("sha256:")) {
            hex = hex.substring("sha256:".length());
        }
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalStateException("toolgate.security.api-keys.\"" + principal + "\".hash must be the sha256"
                    + " of the key as 64 hex digits (printf %s \"$KEY\" | sha256sum)");
        }
        return HexFormat.of().parseHex(hex);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

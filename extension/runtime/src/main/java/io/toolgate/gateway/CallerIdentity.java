package io.toolgate.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import io.toolgate.security.Caller;
import io.toolgate.tool.UpstreamException;

/**
 * The caller's identity as a signed header for an upstream that wants to know who asked, without ever seeing the
 * caller's credential: a short-lived JWT (HS256, signed with a key the upstream shares) whose {@code sub} is the
 * caller, {@code roles} its roles, {@code aud} the upstream's name (so a token shown to one upstream is worthless to
 * another) and {@code iss} "toolgate". Built with jose4j, which smallrye-jwt already brings.
 */
final class CallerIdentity {

    /** HS256 wants a key at least as long as its hash (RFC 7518 §3.2). */
    static final int MIN_KEY_BYTES = 32;
    static final Duration LIFETIME = Duration.ofSeconds(60);

    private final String header;
    private final HmacKey key;
    private final String audience;

    CallerIdentity(String header, String key, String audience) {
        this.header = header;
        this.key = new HmacKey(key.getBytes(StandardCharsets.UTF_8));
        this.audience = audience;
    }

    String header() {
        return header;
    }

    /** The signed token naming this caller. */
    String token(Caller caller) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("toolgate");
        claims.setAudience(audience);
        claims.setSubject(caller.principal() == null ? "anonymous" : caller.principal());
        claims.setStringListClaim("roles", caller.roles().stream().sorted().toList());
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(LIFETIME.toSeconds() / 60f);
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setKey(key);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new UpstreamException("the caller's identity for the upstream " + audience + " could not be"
                    + " signed: " + e.getMessage());
        }
    }
}

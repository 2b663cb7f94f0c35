package io.toolgate.mcp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.config.ToolgateConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The {@code requestState} of MCP 2026-07-28's input-required results: the answers a call has collected so far, sent
 * to the client and back instead of being kept here, so that whichever instance receives the retry can continue.
 * The client must not be able to change it, nor replay it for another call, caller or set of arguments: it is signed
 * with HMAC-SHA256 over the method, the target, a digest of the arguments, the principal, an expiry and the answers.
 * Instances behind one load balancer need the same key: {@code toolgate.mcp.session-secret}.
 */
@Singleton
public class RequestStates {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Duration lifetime;

    @Inject
    public RequestStates(ToolgateConfig config) {
        this(config.mcp().sessionSecret().orElse(null), config.mcp().inputTimeout());
    }

    public RequestStates(String secret, Duration lifetime) {
        byte[] keyBytes;
        if (secret != null && !secret.isEmpty()) {
            // Derived, so that the same secret signs session ids and request states with different keys.
            keyBytes = Hmacs.sha256(Hmacs.key(secret.getBytes(StandardCharsets.UTF_8)),
                    "toolgate request state".getBytes(StandardCharsets.US_ASCII));
        } else {
            keyBytes = new byte[32];
            new SecureRandom().nextBytes(keyBytes);
        }
        this.key = Hmacs.key(keyBytes);
        this.lifetime = lifetime;
    }

    /** The state to hand the client with an input-required result. */
    public String seal(String method, String target, JsonNode arguments, String principal, Map<String, JsonNode> answers) {
        ObjectNode payload = MAPPER.createObjectNode();
        payload.put("m", method).put("t", target).put("a", digest(arguments)).put("p", principal)
                .put("x", System.currentTimeMillis() + lifetime.toMillis());
        ObjectNode saved = payload.putObject("r");
        answers.forEach(saved::set);
        try {
            String body = B64.encodeToString(MAPPER.writeValueAsBytes(payload));
            return body + "." + B64.encodeToString(sign(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /**
     * The answers a genuine state carries.
     *
     * @throws McpError -32602 when the state was altered, has expired, or belongs to another call
     */
    Map<String, JsonNode> open(String state, String method, String target, JsonNode arguments, String principal)
            throws McpError {
        int dot = state.lastIndexOf('.');
        if (dot <= 0) {
            throw invalid("it is not a state this server issued");
        }
        String body = state.substring(0, dot);
        byte[] expected = B64.encodeToString(sign(body)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, state.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            throw invalid("its integrity check failed");
        }
        JsonNode payload;
        try {
            payload = MAPPER.readTree(B64_DECODER.decode(body));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw invalid("it cannot be read");
        }
        if (payload.path("x").asLong() < System.currentTimeMillis()) {
            throw invalid("it has expired; call again without it");
        }
        if (!method.equals(payload.path("m").asText()) || !target.equals(payload.path("t").asText())
                || !digest(arguments).equals(payload.path("a").asText())
                || !principal.equals(payload.path("p").asText())) {
            throw invalid("it belongs to another request");
        }
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = payload.path("r").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> answer = it.next();
            answers.put(answer.getKey(), answer.getValue());
        }
        return answers;
    }

    private static McpError invalid(String why) {
        return new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: requestState rejected: " + why);
    }

    // Jackson writes object fields in insertion order, so the same arguments sent the same way digest the same.
    private static String digest(JsonNode arguments) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(arguments == null ? MAPPER.nullNode() : arguments);
            return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private byte[] sign(String body) {
        return Hmacs.sha256(key, body.getBytes(StandardCharsets.US_ASCII));
    }
}

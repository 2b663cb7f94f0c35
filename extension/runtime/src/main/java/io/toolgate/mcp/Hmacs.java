package io.toolgate.mcp;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, which signs session ids (McpSessions) and request states (RequestStates). */
final class Hmacs {

    private Hmacs() {
    }

    static byte[] sha256(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static SecretKeySpec key(byte[] secret) {
        return new SecretKeySpec(secret, "HmacSHA256");
    }
}

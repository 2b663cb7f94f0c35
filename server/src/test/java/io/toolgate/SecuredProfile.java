package io.toolgate;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Toolgate with authentication on: three API keys (the keys are {@code alice-key-0001}, {@code root-key-0002},
 * {@code bob-key-0003}; only their sha256 is configured) and JWTs signed by {@code jwt/private.pem} for the
 * audience {@code toolgate}.
 */
public class SecuredProfile implements QuarkusTestProfile {

    public static final String ALICE = "alice-key-0001";
    public static final String ROOT = "root-key-0002";
    public static final String BOB = "bob-key-0003";
    public static final String ISSUER = "https://issuer.toolgate.test";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new HashMap<>();
        c.put("toolgate.security.api-keys.\"alice\".hash",
                "sha256:0264b8205526ceea6fff4c7d3d3b6cf383d579553a931736819eb39ec6dd9a04");
        c.put("toolgate.security.api-keys.\"alice\".roles", "shop");
        c.put("toolgate.security.api-keys.\"root\".hash",
                "b875bb26ffc576ffc41f01b108252372950cce41c9357534369667bceb177246");
        c.put("toolgate.security.api-keys.\"root\".roles", "admin,shop,finance");
        c.put("toolgate.security.api-keys.\"bob\".hash",
                "c732fdac618380efafdf10f4f7e1718214908d16f24e3f14d1dae2046fa25c74");
        c.put("toolgate.security.jwt.enabled", "true");
        c.put("toolgate.security.jwt.public-key-location", "classpath:jwt/public.pem");
        c.put("toolgate.security.jwt.issuer", ISSUER);
        c.put("toolgate.security.jwt.audiences", "toolgate");
        c.put("toolgate.tools.\"calculate_tax\".roles", "finance");
        c.put("toolgate.tools.\"lookup_customer\".rate-limit", "3");
        c.put("toolgate.tools.\"lookup_customer\".rate-limit-period", "1m");
        c.put("toolgate.exposure.deny", "fail_with_*");
        return c;
    }
}

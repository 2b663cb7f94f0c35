package io.toolgate.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.toolgate.support.Corpora;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.toolgate.SecuredProfile;

/** The auth-bypass corpus: every case in security/auth-corpus.json against a protected tool call. */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class AuthenticationTest {

    static Stream<Arguments> corpus() {
        return Corpora.cases("/security/auth-corpus.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusCase(String name, JsonNode c) throws Exception {
        RequestSpecification request = given().contentType("application/json").body("{}");
        c.path("headers").fields().forEachRemaining(h -> request.header(h.getKey(),
                h.getValue().asText().replace("\\r\\n", "\r\n")));
        if (c.has("token")) {
            String kind = c.get("token").asText();
            String token = Tokens.of(kind);
            if (kind.equals("valid-as-api-key")) {
                request.header("X-API-Key", token);
            } else {
                request.header("Authorization", "Bearer " + token);
            }
        }
        int expect = c.get("expect").asInt();
        var response = request.post("/tools/whoami_caller/invoke").then().statusCode(expect);
        if (expect == 401) {
            response.header("WWW-Authenticate", startsWith("Bearer"))
                    .body("error.code", equalTo("UNAUTHORIZED"));
        }
    }

    @Test
    void everyDoorNeedsCredentialsButHealthDoesNot() {
        given().get("/tools").then().statusCode(401);
        given().get("/tools/search_products").then().statusCode(401);
        given().get("/calls").then().statusCode(401);
        given().get("/audit").then().statusCode(401);
        given().body("{\"tool_calls\":[]}").post("/tools/batch").then().statusCode(401);
        given().get("/q/health").then().statusCode(200);
    }

    @Test
    void principalAndRolesComeFromTheKeyOrTheToken() throws Exception {
        given().header("X-API-Key", SecuredProfile.ALICE).post("/tools/whoami_caller/invoke").then()
                .statusCode(200).body("result", equalTo("alice [shop]"));
        given().header("Authorization", "Bearer " + Tokens.of("valid")).post("/tools/whoami_caller/invoke").then()
                .statusCode(200).body("result", equalTo("dora [finance, shop]"));
    }

    /** Tokens for each corpus case; only "valid" is signed by the configured key for the right issuer and audience. */
    static final class Tokens {

        static String of(String kind) throws Exception {
            PrivateKey key = key("/jwt/private.pem");
            return switch (kind) {
                case "valid", "valid-as-api-key" -> base().sign(key);
                case "forged" -> base().sign(key("/jwt/attacker-private.pem"));
                case "foreign-audience" -> Jwt.issuer(SecuredProfile.ISSUER).audience("billing-service")
                        .subject("dora").groups(java.util.Set.of("shop")).expiresIn(300).sign(key);
                case "foreign-issuer" -> Jwt.issuer("https://evil.example").audience("toolgate").subject("dora")
                        .expiresIn(300).sign(key);
                case "expired" -> Jwt.issuer(SecuredProfile.ISSUER).audience("toolgate").subject("dora")
                        .issuedAt(1_000_000_000L).expiresAt(1_000_000_600L).sign(key);
                case "tampered" -> tamper(base().sign(key));
                case "alg-none" -> unsigned();
                case "hs256-confusion" -> Jwt.issuer(SecuredProfile.ISSUER).audience("toolgate").subject("root")
                        .groups(java.util.Set.of("admin")).expiresIn(300).jws().algorithm(SignatureAlgorithm.HS256)
                        .sign(new javax.crypto.spec.SecretKeySpec(read("/jwt/public.pem").getBytes(
                                StandardCharsets.UTF_8), "HmacSHA256"));
                default -> throw new IllegalArgumentException(kind);
            };
        }

        private static io.smallrye.jwt.build.JwtClaimsBuilder base() {
            return Jwt.issuer(SecuredProfile.ISSUER).audience("toolgate").subject("dora")
                    .groups(java.util.Set.of("shop", "finance")).expiresIn(300);
        }

        private static String tamper(String token) {
            String[] parts = token.split("\\.");
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("\"dora\"", "\"root\"");
            return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        }

        private static String unsigned() {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String claims = b64.encodeToString(("{\"iss\":\"" + SecuredProfile.ISSUER + "\",\"aud\":\"toolgate\","
                    + "\"sub\":\"root\",\"groups\":[\"admin\"],\"exp\":" + (System.currentTimeMillis() / 1000 + 300)
                    + "}").getBytes(StandardCharsets.UTF_8));
            return header + "." + claims + ".";
        }

        private static PrivateKey key(String resource) throws Exception {
            return KeyUtils.decodePrivateKey(read(resource));
        }

        private static String read(String resource) throws Exception {
            try (InputStream in = Tokens.class.getResourceAsStream(resource)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

}

package io.toolgate.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.toolgate.security.Caller;
import io.toolgate.tool.Tool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * An application that authenticates with Quarkus Security of its own (here a test mechanism; quarkus-oidc or form
 * login alike): Toolgate takes that identity as the caller, so per-tool roles and the audit's principal follow the
 * application's users, with no Toolgate credentials configured.
 */
class ApplicationSecurityTest {

    /** Authenticates {@code X-Test-User: name:role}; a stand-in for the application's real mechanism. */
    @ApplicationScoped
    public static class HeaderMechanism implements HttpAuthenticationMechanism {
        @Override
        public Uni<SecurityIdentity> authenticate(io.vertx.ext.web.RoutingContext context,
                IdentityProviderManager identityProviderManager) {
            String user = context.request().getHeader("X-Test-User");
            if (user == null) {
                return Uni.createFrom().optional(java.util.Optional.empty());
            }
            String[] parts = user.split(":");
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(parts[0])).addRole(parts[1]).build());
        }

        @Override
        public Uni<ChallengeData> getChallenge(io.vertx.ext.web.RoutingContext context) {
            return Uni.createFrom().item(new ChallengeData(401, null, null));
        }

        @Override
        public Set<Class<? extends io.quarkus.security.identity.request.AuthenticationRequest>> getCredentialTypes() {
            return Set.of();
        }
    }

    @ApplicationScoped
    public static class LedgerTools {
        @Tool(name = "read_ledger", readOnly = true, description = "Reads the ledger and says who read it.")
        @RolesAllowed("finance")
        public String readLedger(Caller caller) {
            return "ledger read by " + caller.principal();
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = TestDatabase.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(HeaderMechanism.class, LedgerTools.class, TestDatabase.class)),
            "appsecurity");

    @Test
    void theApplicationsIdentityIsTheCallerAndItsRolesDecide() {
        given().header("X-Test-User", "carol:finance").get("/tools").then().statusCode(200)
                .body("tools.name", contains("read_ledger"));
        given().header("X-Test-User", "carol:finance").contentType(ContentType.JSON).body("{}")
                .post("/tools/read_ledger/invoke").then().statusCode(200)
                .body("result", equalTo("ledger read by carol"));
        given().header("X-Test-User", "dave:sales").contentType(ContentType.JSON).body("{}")
                .post("/tools/read_ledger/invoke").then().statusCode(403)
                .body("error.code", equalTo("FORBIDDEN"));
        given().contentType(ContentType.JSON).body("{}")
                .post("/tools/read_ledger/invoke").then().statusCode(403);
    }
}

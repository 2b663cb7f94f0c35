package io.toolgate.resource;

import static io.toolgate.primitive.Primitives.auditRows;
import static io.toolgate.primitive.Primitives.caller;
import static io.toolgate.primitive.Primitives.ok;
import static io.toolgate.primitive.Primitives.refusal;
import static io.toolgate.primitive.Primitives.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.toolgate.db.Database;
import io.toolgate.invoke.CallControl;
import io.toolgate.primitive.PrimitiveException;
import io.toolgate.security.Caller;
import jakarta.inject.Inject;

/**
 * A family's roles hide it: not listed, not readable, and a read looks exactly like one of something that does not
 * exist; the refused read is still audited (FORBIDDEN) as the pipeline audits every call.
 */
@QuarkusTest
class ResourceRolesTest {

    @Inject
    ResourceCatalog catalog;
    @Inject
    Database database;

    /** A family only the finance role may see. */
    static final class Ledger implements ResourceSource {
        @Override
        public String name() {
            return "ledger_test";
        }

        @Override
        public String description() {
            return "A test ledger for finance only.";
        }

        @Override
        public Set<String> roles() {
            return Set.of("finance");
        }

        @Override
        public boolean handles(String uri) {
            return uri.startsWith("ledger://");
        }

        @Override
        public List<ResourceDescriptor> resources(Caller caller) {
            return List.of(new ResourceDescriptor("ledger://2026", "ledger 2026", "text/plain"));
        }

        @Override
        public List<ResourceTemplateDescriptor> templates() {
            return List.of(new ResourceTemplateDescriptor("ledger://{year}", "ledger", null, null, "text/plain"));
        }

        @Override
        public ObjectNode read(String uri, Caller caller) throws PrimitiveException {
            if (!uri.equals("ledger://2026")) {
                throw PrimitiveException.resourceNotFound(uri);
            }
            return ResourceContents.text(uri, "text/plain", "revenue: 42");
        }
    }

    @Test
    void rolesHideAFamilyFromListingReadingAndSubscribing() throws Exception {
        catalog.register(new Ledger());
        try {
            Caller clerk = caller("clerk-" + System.nanoTime(), "shop");
            Caller controller = caller("controller", "finance");
            assertThat(texts(catalog.list(null, clerk).path("resources"), "uri")).doesNotContain("ledger://2026");
            assertThat(texts(catalog.listTemplates(null, clerk).path("resourceTemplates"), "uriTemplate"))
                    .doesNotContain("ledger://{year}");
            assertThat(texts(catalog.list(null, controller).path("resources"), "uri")).contains("ledger://2026");

            PrimitiveException hidden = refusal(catalog.read("ledger://2026", clerk, CallControl.none()));
            PrimitiveException missing = refusal(catalog.read("ledger://1999", controller, CallControl.none()));
            assertThat(hidden.kind()).isEqualTo(PrimitiveException.Kind.NOT_FOUND);
            assertThat(hidden.getMessage()).isEqualTo("Resource not found: ledger://2026").doesNotContain("finance");
            assertThat(missing.kind()).isEqualTo(PrimitiveException.Kind.NOT_FOUND);
            assertThat(hidden.data().path("uri").asText()).isEqualTo("ledger://2026");
            assertThat(catalog.exists("ledger://2026", clerk)).isFalse();
            assertThat(catalog.exists("ledger://2026", controller)).isTrue();

            assertThat(ok(catalog.read("ledger://2026", controller, CallControl.none())).at("/contents/0/text")
                    .asText()).isEqualTo("revenue: 42");
            List<List<String>> rows = auditRows(database, "resource:ledger_test", clerk.principal(), 1);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).subList(1, 4)).containsExactly("mcp", "false", "FORBIDDEN");
        } finally {
            catalog.unregister("ledger_test");
        }
    }
}

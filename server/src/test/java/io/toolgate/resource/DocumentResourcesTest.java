package io.toolgate.resource;

import static io.toolgate.primitive.Primitives.caller;
import static io.toolgate.primitive.Primitives.ok;
import static io.toolgate.primitive.Primitives.refusal;
import static io.toolgate.primitive.Primitives.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.toolgate.invoke.CallControl;
import io.toolgate.primitive.PrimitiveException;
import io.toolgate.security.Caller;
import jakarta.inject.Inject;

/** toolgate://documents: the files read_file reads, listed and read (text and binary), confined like read_file. */
@QuarkusTest
class DocumentResourcesTest {

    private static final Path ROOT = Path.of("target/test-files");
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");
    private static final Caller ALICE = caller("alice", "shop");

    @Inject
    ResourceCatalog catalog;

    @BeforeAll
    static void files() throws IOException {
        Files.createDirectories(ROOT.resolve("pictures"));
        Files.write(ROOT.resolve("pictures/red pixel.png"), PNG);
        // Seeded at start-up; written here (never overwritten: other tests read it) in case this class runs first.
        if (Files.notExists(ROOT.resolve("returns-policy.txt"))) {
            Files.writeString(ROOT.resolve("returns-policy.txt"), io.toolgate.primitive.Primitives.RETURNS_POLICY);
        }
        Path outside = Files.createDirectories(Path.of("target/outside-the-documents"));
        Files.writeString(outside.resolve("secret.txt"), "not for anybody\n");
        Path link = ROOT.resolve("secret-link.txt");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, outside.resolve("secret.txt").toAbsolutePath());
    }

    @Test
    void filesAreListedWithTypeAndSizeButNotLinksOutOfTheFolder() throws Exception {
        ObjectNode all = listAll();
        JsonNode policy = find(all, "toolgate://documents/returns-policy.txt");
        assertThat(policy.path("name").asText()).isEqualTo("returns-policy.txt");
        assertThat(policy.path("mimeType").asText()).isEqualTo("text/plain");
        assertThat(policy.path("size").asLong()).isEqualTo(Files.size(ROOT.resolve("returns-policy.txt")));
        assertThat(find(all, "toolgate://documents/pictures/red%20pixel.png").path("mimeType").asText())
                .isEqualTo("image/png");
        assertThat(texts(all.path("resources"), "uri")).noneMatch(u -> u.contains("secret-link"));
        assertThat(texts(catalog.listTemplates(null, ALICE).path("resourceTemplates"), "uriTemplate"))
                .contains("toolgate://documents/{path}", "toolgate://runs/{id}", "toolgate://results/{id}",
                        "toolgate://workflows/{name}");
    }

    @Test
    void aTextFileIsReadAsText() {
        ObjectNode body = ok(catalog.read("toolgate://documents/returns-policy.txt", ALICE, CallControl.none()));
        JsonNode content = body.path("contents").get(0);
        assertThat(content.path("uri").asText()).isEqualTo("toolgate://documents/returns-policy.txt");
        assertThat(content.path("mimeType").asText()).isEqualTo("text/plain");
        assertThat(content.path("text").asText()).contains("within 30 days");
        assertThat(content.has("blob")).isFalse();
    }

    @Test
    void aBinaryFileIsReadAsABase64Blob() {
        ObjectNode body = ok(catalog.read("toolgate://documents/pictures/red%20pixel.png", ALICE,
                CallControl.none()));
        JsonNode content = body.path("contents").get(0);
        assertThat(content.path("mimeType").asText()).isEqualTo("image/png");
        assertThat(content.has("text")).isFalse();
        assertThat(Base64.getDecoder().decode(content.path("blob").asText())).isEqualTo(PNG);
    }

    @Test
    void traversalIsRefusedAndNothingOutsideIsRead() {
        for (String uri : new String[] {"toolgate://documents/..%2F..%2Fpom.xml", "toolgate://documents/../pom.xml",
                "toolgate://documents/%2Fetc%2Fpasswd", "toolgate://documents/pictures/..\\..\\pom.xml"}) {
            PrimitiveException e = refusal(catalog.read(uri, ALICE, CallControl.none()));
            assertThat(e.kind()).as(uri).isEqualTo(PrimitiveException.Kind.INVALID_PARAMS);
        }
        PrimitiveException link = refusal(catalog.read("toolgate://documents/secret-link.txt", ALICE,
                CallControl.none()));
        assertThat(link.kind()).isEqualTo(PrimitiveException.Kind.NOT_FOUND);
        assertThat(link.getMessage()).doesNotContain("not for anybody");
        assertThat(link.data().path("uri").asText()).isEqualTo("toolgate://documents/secret-link.txt");
    }

    @Test
    void unknownResourcesAreNotFoundWithTheirUri() {
        for (String uri : new String[] {"toolgate://documents/no-such-file.txt", "toolgate://nothing/here",
                "https://example.com/x"}) {
            PrimitiveException e = refusal(catalog.read(uri, ALICE, CallControl.none()));
            assertThat(e.kind()).as(uri).isEqualTo(PrimitiveException.Kind.NOT_FOUND);
            assertThat(e.data().path("uri").asText()).isEqualTo(uri);
        }
        assertThat(catalog.exists("toolgate://documents/returns-policy.txt", ALICE)).isTrue();
        assertThat(catalog.exists("toolgate://documents/no-such-file.txt", ALICE)).isFalse();
    }

    @Test
    void aCursorThisServerDidNotIssueIsInvalid() {
        try {
            catalog.list("bm90LWEtY3Vyc29y", ALICE);
            throw new AssertionError("expected a refusal");
        } catch (PrimitiveException e) {
            assertThat(e.kind()).isEqualTo(PrimitiveException.Kind.INVALID_PARAMS);
        }
    }

    private ObjectNode listAll() throws PrimitiveException {
        ObjectNode all = catalog.list(null, ALICE);
        String cursor = all.path("nextCursor").asText(null);
        while (cursor != null) {
            ObjectNode page = catalog.list(cursor, ALICE);
            ((com.fasterxml.jackson.databind.node.ArrayNode) all.path("resources")).addAll(
                    (com.fasterxml.jackson.databind.node.ArrayNode) page.path("resources"));
            cursor = page.path("nextCursor").asText(null);
        }
        return all;
    }

    private static JsonNode find(ObjectNode list, String uri) {
        for (JsonNode r : list.path("resources")) {
            if (r.path("uri").asText().equals(uri)) {
                return r;
            }
        }
        throw new AssertionError("no resource " + uri + " in " + list);
    }
}

package io.toolgate.demo.datatools;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * read_file against the path traversal corpus, over REST through the whole pipeline. The files root of the test
 * profile is target/test-files; the symbolic links that point out of it, a binary file and an oversized one are
 * made here.
 */
@QuarkusTest
class FileToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("target/test-files");

    @BeforeAll
    static void prepareTheFilesRoot() throws IOException {
        Files.createDirectories(ROOT.resolve("guides"));
        Files.writeString(ROOT.resolve("guides/care.txt"), "Wash wool sweaters cold and dry them flat.\n");
        Files.writeString(ROOT.resolve("notes..v2.txt"), "Notes, version two.\n");
        Files.writeString(ROOT.resolve("garantie-été.txt"), "Garantie d'été : deux ans.\n");
        Files.write(ROOT.resolve("image.bin"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        Files.write(ROOT.resolve("latin1.txt"), "caf\u00e9 cr\u00e8me".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(ROOT.resolve("big.txt"), "x".repeat(300 * 1024));
        Path outside = Files.createDirectories(Path.of("target/outside-the-root"));
        Files.writeString(outside.resolve("passwd"), "root:x:0:0:not for the model\n");
        link(ROOT.resolve("escape-link"), outside.toAbsolutePath());
        link(ROOT.resolve("passwd-link"), outside.resolve("passwd").toAbsolutePath());
        link(ROOT.resolve("policy-link.txt"), Path.of("returns-policy.txt"));
        // Start-up seeds the sample documents; written here too in case this class runs before the seeding is seen.
        for (var doc : SampleFiles.DOCUMENTS.entrySet()) {
            if (Files.notExists(ROOT.resolve(doc.getKey()))) {
                Files.writeString(ROOT.resolve(doc.getKey()), doc.getValue());
            }
        }
    }

    private static void link(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.toolgate.demo.datatools.SecurityCorpus#paths")
    void pathCorpusCase(SecurityCorpus.PathCase c) throws Exception {
        Response response = given().contentType("application/json")
                .body(JSON.createObjectNode().put("path", c.path()).toString())
                .post("/tools/read_file/invoke");
        String body = response.asString();
        assertThat(response.statusCode()).as(body).isEqualTo(c.status());
        assertThat(body).doesNotContain("Exception").doesNotContain("at io.").doesNotContain("root:x:0:0");
        if (c.status() == 200) {
            response.then().body("success", equalTo(true)).body("result.content", containsString(c.contains()));
        } else {
            response.then().body("success", equalTo(false)).body("error.code", equalTo(c.code()));
            if (c.message() != null) {
                response.then().body("error.message", containsString(c.message()));
            }
        }
    }
}

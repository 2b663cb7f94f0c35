package io.toolgate.prompt;

import static io.toolgate.primitive.Primitives.caller;
import static io.toolgate.primitive.Primitives.json;
import static io.toolgate.primitive.Primitives.ok;
import static io.toolgate.primitive.Primitives.refusal;
import static io.toolgate.primitive.Primitives.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.toolgate.declarative.SourceStatus;
import io.toolgate.invoke.CallControl;
import io.toolgate.primitive.PrimitiveException;
import io.toolgate.security.Caller;
import jakarta.inject.Inject;

/** Prompt files (target/test-prompts in tests): loaded, replaced when changed, removed, and bad files reported. */
@QuarkusTest
class PromptFolderTest {

    private static final Path FOLDER = Path.of("target/test-prompts");
    private static final Caller ANYONE = caller("anyone");

    @Inject
    PromptFolder folder;
    @Inject
    PromptCatalog prompts;

    @Test
    void filesAreLoadedReplacedRemovedAndProblemsReported() throws Exception {
        Files.createDirectories(FOLDER);
        Files.write(FOLDER.resolve("pixel.png"), Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="));
        AtomicInteger changes = new AtomicInteger();
        prompts.onListChanged(changes::incrementAndGet);
        Path file = FOLDER.resolve("greet.yaml");
        Files.writeString(file, """
                name: greet_customer
                title: Greet a customer
                description: Greet a customer by name
                arguments:
                  - name: who
                    description: The customer's name
                    required: true
                messages:
                  - role: user
                    text: "Say hello to {{who}}."
                  - role: assistant
                    image: {path: pixel.png, mime_type: image/png}
                """);
        try {
            assertThat(folder.reload()).isTrue();
            assertThat(changes.get()).isGreaterThanOrEqualTo(1);
            ObjectNode body = ok(prompts.get("greet_customer", json("{\"who\":\"Ada\"}"), ANYONE,
                    CallControl.none()));
            assertThat(body.at("/messages/0/content/text").asText()).isEqualTo("Say hello to Ada.");
            assertThat(body.at("/messages/1/role").asText()).isEqualTo("assistant");
            assertThat(body.at("/messages/1/content/mimeType").asText()).isEqualTo("image/png");
            assertThat(body.at("/messages/1/content/data").asText()).startsWith("iVBORw0KGgo");
            assertThat(folder.reload()).as("unchanged file").isFalse();

            Files.writeString(file, Files.readString(file).replace("Say hello", "Say good morning"));
            assertThat(folder.reload()).isTrue();
            assertThat(ok(prompts.get("greet_customer", json("{\"who\":\"Ada\"}"), ANYONE, CallControl.none()))
                    .at("/messages/0/content/text").asText()).isEqualTo("Say good morning to Ada.");

            // A broken version keeps the last good one and is reported.
            Files.writeString(file, Files.readString(file).replace("{{who}}", "{{whom}}"));
            assertThat(folder.reload()).isFalse();
            SourceStatus status = status("greet.yaml");
            assertThat(status.problem()).contains("{{whom}}").contains("still serving its previous version");
            assertThat(status.tools()).containsExactly("prompt:greet_customer");
            assertThat(texts(prompts.list(null, ANYONE).path("prompts"), "name")).contains("greet_customer");

            Files.writeString(FOLDER.resolve("broken.yaml"), "name: [unclosed\n");
            folder.reload();
            assertThat(status("broken.yaml").problem()).contains("not valid YAML");
            Files.writeString(FOLDER.resolve("clash.yaml"), """
                    name: place_order
                    description: Another prompt of the same name
                    messages: [{role: user, text: hi}]
                    """);
            folder.reload();
            assertThat(status("clash.yaml").problem()).contains("already defined by");

            Files.delete(file);
            assertThat(folder.reload()).isTrue();
            assertThat(refusal(prompts.get("greet_customer", json("{\"who\":\"Ada\"}"), ANYONE,
                    CallControl.none())).kind()).isEqualTo(PrimitiveException.Kind.NOT_FOUND);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(FOLDER.resolve("broken.yaml"));
            Files.deleteIfExists(FOLDER.resolve("clash.yaml"));
            folder.reload();
        }
    }

    @Test
    void theExampleInTheDocumentationLoadsAndWorks() throws Exception {
        String doc = Files.readString(Path.of("../docs/resources-prompts.md"));
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        String example = doc.substring(start, doc.indexOf("```", start))
                .replace("name: answer_return_question", "name: documented_example");
        Files.createDirectories(FOLDER);
        Files.write(FOLDER.resolve("logo.png"), Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="));
        Path file = FOLDER.resolve("documented.yaml");
        Files.writeString(file, example);
        try {
            folder.reload();
            assertThat(status("documented.yaml").problem()).isNull();
            ObjectNode body = ok(prompts.get("documented_example", json("{\"question\":\"Can I?\","
                    + "\"customer_id\":\"12345\",\"tone\":\"formal\"}"), caller("clerk", "shop"),
                    CallControl.none()));
            assertThat(body.at("/messages/1/content/resource/text").asText())
                    .isEqualTo("Customer 12345 asked in a formal tone.");
            assertThat(body.at("/messages/2/content/type").asText()).isEqualTo("image");
            assertThat(body.at("/messages/3/content/text").asText()).contains("Answer \"Can I?\"");
            assertThat(refusal(prompts.get("documented_example", json("{\"question\":\"Can I?\"}"),
                    caller("guest"), CallControl.none())).kind()).isEqualTo(PrimitiveException.Kind.NOT_FOUND);
        } finally {
            Files.deleteIfExists(file);
            folder.reload();
        }
    }

    private SourceStatus status(String file) {
        return folder.statuses().stream().filter(s -> s.source().equals(file)).findFirst()
                .orElseThrow(() -> new AssertionError("no status for " + file + ": " + folder.statuses()));
    }
}

package io.toolgate.resource;

import static io.toolgate.primitive.Primitives.caller;
import static io.toolgate.primitive.Primitives.json;
import static io.toolgate.primitive.Primitives.ok;
import static io.toolgate.primitive.Primitives.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.toolgate.invoke.CallControl;
import io.toolgate.mcp.McpFixturesProfile;
import io.toolgate.prompt.PromptCatalog;
import io.toolgate.security.Caller;
import jakarta.inject.Inject;

/** The conformance suite's fixture resources and prompts, exactly as it checks them; page size 3 pages the lists. */
@QuarkusTest
@TestProfile(McpFixturesProfile.class)
class ConformancePrimitivesTest {

    private static final Caller CLIENT = caller("anonymous");

    @Inject
    ResourceCatalog resources;
    @Inject
    PromptCatalog prompts;

    @Test
    void fixtureResourcesAreListedPageByPageAndRead() throws Exception {
        List<String> uris = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ObjectNode page = resources.list(cursor, CLIENT);
            assertThat(page.path("resources").size()).isLessThanOrEqualTo(3);
            uris.addAll(texts(page.path("resources"), "uri"));
            cursor = page.path("nextCursor").asText(null);
            pages++;
        } while (cursor != null);
        assertThat(pages).isGreaterThan(1);
        assertThat(uris).contains("test://static-text", "test://static-binary", "test://watched-resource",
                "test://stateless-static-text").isSorted().doesNotHaveDuplicates();

        assertThat(read("test://static-text").path("text").asText())
                .isEqualTo("This is the content of the static text resource.");
        assertThat(read("test://static-binary").path("blob").asText()).startsWith("iVBORw0KGgo");
        assertThat(read("test://watched-resource").path("text").asText()).isEqualTo("Watched resource content");
        assertThat(read("test://stateless-static-text").path("text").asText())
                .isEqualTo("Static text content from the stateless draft path.");
        JsonNode templated = read("test://template/123/data");
        assertThat(templated.path("mimeType").asText()).isEqualTo("application/json");
        assertThat(json(templated.path("text").asText()).toString())
                .isEqualTo("{\"id\":\"123\",\"templateTest\":true,\"data\":\"Data for ID: 123\"}");
    }

    @Test
    void fixturePromptsAnswerAsTheSuiteExpects() {
        ObjectNode args = ok(prompts.get("test_prompt_with_arguments", json("{\"arg1\":\"testValue1\",\"arg2\":"
                + "\"testValue2\"}"), CLIENT, CallControl.none()));
        assertThat(args.at("/messages/0/content/text").asText())
                .isEqualTo("Prompt with arguments: arg1='testValue1', arg2='testValue2'");
        ObjectNode embedded = ok(prompts.get("test_prompt_with_embedded_resource", json("{\"resourceUri\":"
                + "\"test://example-resource\"}"), CLIENT, CallControl.none()));
        assertThat(embedded.at("/messages/0/content/resource").toString()).isEqualTo("{\"uri\":"
                + "\"test://example-resource\",\"mimeType\":\"text/plain\",\"text\":\"Embedded resource content for"
                + " testing.\"}");
        assertThat(embedded.at("/messages/1/content/text").asText())
                .isEqualTo("Please process the embedded resource above.");
        ObjectNode image = ok(prompts.get("test_prompt_with_image", null, CLIENT, CallControl.none()));
        assertThat(image.at("/messages/0/content/type").asText()).isEqualTo("image");
        assertThat(image.at("/messages/0/content/mimeType").asText()).isEqualTo("image/png");
        assertThat(ok(prompts.get("test_simple_prompt", null, CLIENT, CallControl.none()))
                .at("/messages/0/content/text").asText()).isEqualTo("This is a simple prompt for testing.");
    }

    private JsonNode read(String uri) {
        return ok(resources.read(uri, CLIENT, CallControl.none())).path("contents").get(0);
    }
}

package io.toolgate.prompt;

import static io.toolgate.primitive.Primitives.auditRows;
import static io.toolgate.primitive.Primitives.caller;
import static io.toolgate.primitive.Primitives.json;
import static io.toolgate.primitive.Primitives.ok;
import static io.toolgate.primitive.Primitives.refusal;
import static io.toolgate.primitive.Primitives.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.toolgate.db.Database;
import io.toolgate.invoke.CallControl;
import io.toolgate.primitive.PrimitiveException;
import io.toolgate.security.Caller;
import jakarta.inject.Inject;

/** The shipped shop prompts, argument validation by the pipeline, placeholders, roles, embedded resources, audit. */
@QuarkusTest
class PromptCatalogTest {

    private static final Caller ALICE = caller("alice", "shop");

    @Inject
    PromptCatalog prompts;
    @Inject
    Database database;

    @Test
    void theShopPromptsAreListedWithTheirArguments() throws Exception {
        ObjectNode list = prompts.list(null, ALICE);
        JsonNode placeOrder = null;
        for (JsonNode p : list.path("prompts")) {
            if (p.path("name").asText().equals("place_order")) {
                placeOrder = p;
            }
        }
        assertThat(placeOrder).isNotNull();
        assertThat(placeOrder.path("description").asText()).isEqualTo("Place an order for a customer");
        assertThat(texts(placeOrder.path("arguments"), "name")).containsExactly("customer_id", "product_id",
                "quantity");
        assertThat(placeOrder.path("arguments").get(0).path("required").asBoolean()).isTrue();
        assertThat(placeOrder.path("arguments").get(2).path("required").asBoolean()).isFalse();
        List<String> names = texts(list.path("prompts"), "name");
        assertThat(names).contains("answer_return_question").isSorted();
    }

    @Test
    void argumentsAreFilledInVerbatimAndTheGetIsAudited() throws Exception {
        Caller caller = caller("prompt-auditor-" + System.nanoTime(), "shop");
        ObjectNode body = ok(prompts.get("place_order", json(
                "{\"customer_id\":\"12345\",\"product_id\":\"LAP-001 {{quantity}}\",\"quantity\":\"2\"}"), caller,
                CallControl.none()));
        assertThat(body.path("description").asText()).isEqualTo("Place an order for a customer");
        JsonNode message = body.path("messages").get(0);
        assertThat(message.path("role").asText()).isEqualTo("user");
        assertThat(message.at("/content/type").asText()).isEqualTo("text");
        String text = message.at("/content/text").asText();
        assertThat(text).contains("Place an order for customer 12345: product LAP-001 {{quantity}}, quantity 2")
                .contains("lookup_customer with customer_id 12345").doesNotContain("{{customer_id}}");

        List<List<String>> rows = auditRows(database, "prompt:place_order", caller.principal(), 1);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).subList(1, 4)).containsExactly("mcp", "true", "null");
        assertThat(rows.get(0).get(4)).contains("\"customer_id\":\"12345\"");
    }

    @Test
    void badArgumentsAreInvalidParamsNamingTheArgument() {
        PrimitiveException missing = refusal(prompts.get("place_order", json("{\"product_id\":\"LAP-001\"}"), ALICE,
                CallControl.none()));
        assertThat(missing.kind()).isEqualTo(PrimitiveException.Kind.INVALID_PARAMS);
        assertThat(missing.getMessage()).contains("customer_id is required");
        assertThat(missing.data().at("/errors/0/field").asText()).isEqualTo("customer_id");

        PrimitiveException unknown = refusal(prompts.get("place_order", json(
                "{\"customer_id\":\"1\",\"product_id\":\"x\",\"colour\":\"red\"}"), ALICE, CallControl.none()));
        assertThat(unknown.kind()).isEqualTo(PrimitiveException.Kind.INVALID_PARAMS);
        assertThat(unknown.getMessage()).contains("colour is not a known parameter");

        PrimitiveException number = refusal(prompts.get("place_order", json(
                "{\"customer_id\":12345,\"product_id\":\"x\"}"), ALICE, CallControl.none()));
        assertThat(number.kind()).isEqualTo(PrimitiveException.Kind.INVALID_PARAMS);
        assertThat(number.getMessage()).contains("customer_id must be of type");
        assertThat(number.data().at("/errors/0/rule").asText()).isEqualTo("type");
    }

    @Test
    void anUnknownPromptIsNotFound() {
        assertThat(refusal(prompts.get("no_such_prompt", null, ALICE, CallControl.none())).kind())
                .isEqualTo(PrimitiveException.Kind.NOT_FOUND);
    }

    @Test
    void rolesHideAPromptExactlyLikeAnUnknownOne() throws Exception {
        prompts.register(new PromptDefinition("quarter_close", null, "Close the quarter's books.", Set.of("finance"),
                List.of(), List.of(PromptMessage.userText("Close the books.")), "test"));
        try {
            Caller clerk = caller("clerk", "shop");
            assertThat(texts(prompts.list(null, clerk).path("prompts"), "name")).doesNotContain("quarter_close");
            assertThat(texts(prompts.list(null, caller("cfo", "finance")).path("prompts"), "name"))
                    .contains("quarter_close");
            PrimitiveException hidden = refusal(prompts.get("quarter_close", null, clerk, CallControl.none()));
            PrimitiveException unknown = refusal(prompts.get("quarter_open", null, clerk, CallControl.none()));
            assertThat(hidden.kind()).isEqualTo(PrimitiveException.Kind.NOT_FOUND);
            assertThat(hidden.getMessage()).isEqualTo(unknown.getMessage().replace("quarter_open", "quarter_close"));
            assertThat(ok(prompts.get("quarter_close", null, caller("cfo", "finance"), CallControl.none()))
                    .at("/messages/0/content/text").asText()).isEqualTo("Close the books.");
        } finally {
            prompts.unregister("quarter_close");
        }
    }

    @Test
    void aDocumentIsEmbeddedWithTheCallersRights() throws Exception {
        Path policy = Path.of("target/test-files/returns-policy.txt");
        if (Files.notExists(policy)) {
            Files.createDirectories(policy.getParent());
            Files.writeString(policy, io.toolgate.primitive.Primitives.RETURNS_POLICY);
        }
        ObjectNode body = ok(prompts.get("answer_return_question", json("{\"question\":\"Can I return a laptop?\"}"),
                ALICE, CallControl.none()));
        JsonNode embedded = body.path("messages").get(0).path("content");
        assertThat(embedded.path("type").asText()).isEqualTo("resource");
        assertThat(embedded.at("/resource/uri").asText()).isEqualTo("toolgate://documents/returns-policy.txt");
        assertThat(embedded.at("/resource/text").asText()).isEqualTo(Files.readString(policy));
        assertThat(body.path("messages").get(1).at("/content/text").asText()).contains("Can I return a laptop?");
    }
}

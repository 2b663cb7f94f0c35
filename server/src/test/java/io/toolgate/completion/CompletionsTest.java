package io.toolgate.completion;

import static io.toolgate.primitive.Primitives.auditRows;
import static io.toolgate.primitive.Primitives.caller;
import static io.toolgate.primitive.Primitives.json;
import static io.toolgate.primitive.Primitives.ok;
import static io.toolgate.primitive.Primitives.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.toolgate.db.Database;
import io.toolgate.primitive.PrimitiveException;
import io.toolgate.prompt.PromptArgument;
import io.toolgate.prompt.PromptCatalog;
import io.toolgate.prompt.PromptDefinition;
import io.toolgate.prompt.PromptMessage;
import io.toolgate.security.Caller;
import jakarta.inject.Inject;

/** completion/complete for prompt arguments, template variables and tool parameters, from the shop database too. */
@QuarkusTest
class CompletionsTest {

    private static final Caller ALICE = caller("alice", "shop");

    @Inject
    Completions completions;
    @Inject
    PromptCatalog prompts;
    @Inject
    Database database;

    private ObjectNode complete(String ref, String name, String value) {
        return complete(ref, name, value, ALICE);
    }

    private ObjectNode complete(String ref, String name, String value, Caller caller) {
        return ok(completions.complete(json(ref), json("{\"name\":\"" + name + "\",\"value\":\"" + value + "\"}"),
                null, caller)).with("completion");
    }

    private static List<String> values(ObjectNode completion) {
        List<String> out = new ArrayList<>();
        completion.path("values").forEach(v -> out.add(v.asText()));
        return out;
    }

    @Test
    void customerIdsComeFromTheShopDatabase() throws Exception {
        Caller caller = caller("completer-" + System.nanoTime());
        ObjectNode exact = complete("{\"type\":\"ref/prompt\",\"name\":\"place_order\"}", "customer_id", "123", caller);
        assertThat(values(exact)).containsExactly("12345");
        assertThat(exact.path("total").asInt()).isEqualTo(1);
        assertThat(exact.path("hasMore").asBoolean()).isFalse();
        ObjectNode many = complete("{\"type\":\"ref/prompt\",\"name\":\"place_order\"}", "customer_id", "1000");
        assertThat(values(many)).containsExactly("10001", "10002", "10003", "10004", "10005", "10006", "10007",
                "10008", "10009");
        // A prefix holding LIKE's wildcards matches them literally: nothing.
        assertThat(values(complete("{\"type\":\"ref/prompt\",\"name\":\"place_order\"}", "customer_id", "%"))).isEmpty();
        List<List<String>> rows = auditRows(database, "completion", caller.principal(), 1);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).subList(1, 3)).containsExactly("mcp", "true");
    }

    @Test
    void productIdsIgnoreCaseAndFixedValuesArePrefixFiltered() {
        List<String> laptops = values(complete("{\"type\":\"ref/prompt\",\"name\":\"place_order\"}", "product_id",
                "lap"));
        assertThat(laptops).isNotEmpty().allMatch(id -> id.startsWith("LAP-")).isSorted();
        assertThat(values(complete("{\"type\":\"ref/prompt\",\"name\":\"place_order\"}", "quantity", "1")))
                .containsExactly("1", "10");
        assertThat(values(complete("{\"type\":\"ref/prompt\",\"name\":\"place_order\"}", "no_such_argument", "")))
                .isEmpty();
    }

    @Test
    void toolParametersCompleteFromTheirEnumOrAConfiguredCompleter() {
        assertThat(values(complete("{\"type\":\"ref/tool\",\"name\":\"search_products\"}", "category", "E")))
                .containsExactly("electronics");
        assertThat(values(complete("{\"type\":\"ref/tool\",\"name\":\"search_products\"}", "category", "")))
                .containsExactly("books", "clothing", "electronics", "home", "sports");
        assertThat(values(complete("{\"type\":\"ref/tool\",\"name\":\"lookup_customer\"}", "customer_id", "123")))
                .containsExactly("12345");
        assertThat(refusal(completions.complete(json("{\"type\":\"ref/tool\",\"name\":\"no_such_tool\"}"),
                json("{\"name\":\"x\",\"value\":\"\"}"), null, ALICE)).kind())
                .isEqualTo(PrimitiveException.Kind.NOT_FOUND);
    }

    @Test
    void templateVariablesComplete() {
        JsonNode documents = complete("{\"type\":\"ref/resource\",\"uri\":\"toolgate://documents/{path}\"}", "path",
                "RET");
        assertThat(values((ObjectNode) documents)).contains("returns-policy.txt")
                .allMatch(p -> p.toLowerCase().startsWith("ret"));
        assertThat(values(complete("{\"type\":\"ref/resource\",\"uri\":\"toolgate://workflows/{name}\"}", "name",
                "order_"))).contains("order_fulfillment");
        assertThat(refusal(completions.complete(json("{\"type\":\"ref/resource\",\"uri\":\"nope://{x}\"}"),
                json("{\"name\":\"x\",\"value\":\"\"}"), null, ALICE)).kind())
                .isEqualTo(PrimitiveException.Kind.NOT_FOUND);
    }

    @Test
    void hiddenPromptsAndMalformedRequestsAreRefused() {
        prompts.register(new PromptDefinition("audit_quarter", null, "Audit a quarter.", Set.of("finance"),
                List.of(new PromptArgument("quarter", "Which quarter", true, List.of("Q1", "Q2"), null)),
                List.of(PromptMessage.userText("Audit {{quarter}}.")), "test"));
        try {
            String ref = "{\"type\":\"ref/prompt\",\"name\":\"audit_quarter\"}";
            assertThat(values(complete(ref, "quarter", "q", caller("cfo", "finance")))).containsExactly("Q1", "Q2");
            assertThat(refusal(completions.complete(json(ref), json("{\"name\":\"quarter\",\"value\":\"\"}"), null,
                    ALICE)).kind()).isEqualTo(PrimitiveException.Kind.NOT_FOUND);
        } finally {
            prompts.unregister("audit_quarter");
        }
        PrimitiveException badType = refusal(completions.complete(json("{\"type\":\"ref/other\"}"),
                json("{\"name\":\"x\",\"value\":\"\"}"), null, ALICE));
        assertThat(badType.kind()).isEqualTo(PrimitiveException.Kind.INVALID_PARAMS);
        assertThat(badType.getMessage()).contains("ref.type");
        assertThat(refusal(completions.complete(json("{\"type\":\"ref/prompt\",\"name\":\"place_order\"}"),
                json("{\"name\":\"x\"}"), null, ALICE)).getMessage()).contains("argument.value is required");
    }
}

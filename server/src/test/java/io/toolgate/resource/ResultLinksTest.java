package io.toolgate.resource;

import static io.toolgate.primitive.Primitives.caller;
import static io.toolgate.primitive.Primitives.ok;
import static io.toolgate.primitive.Primitives.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.toolgate.invoke.CallControl;
import io.toolgate.invoke.Door;
import io.toolgate.invoke.Invocation;
import io.toolgate.invoke.InvocationPipeline;
import io.toolgate.invoke.Outcome;
import io.toolgate.primitive.PrimitiveException;
import io.toolgate.security.Caller;
import jakarta.inject.Inject;

/** A result cut for an MCP caller is kept whole, readable as toolgate://results/<id> by that principal only. */
@QuarkusTest
class ResultLinksTest {

    @Inject
    InvocationPipeline pipeline;
    @Inject
    ResourceCatalog catalog;

    private Outcome call(Door door, Caller caller, int rows) {
        return pipeline.invoke(Invocation.builder("list_many_rows", door).arguments("{\"count\":" + rows + "}")
                .caller(caller).build()).toCompletableFuture().join();
    }

    @Test
    void aTruncatedMcpResultLinksToTheWholeResultForItsCallerOnly() throws Exception {
        Caller alice = caller("alice", "shop");
        Outcome outcome = call(Door.MCP, alice, 3000);
        assertThat(outcome.isTruncated()).isTrue();
        assertThat(outcome.resultUri()).startsWith("toolgate://results/");

        JsonNode content = ok(catalog.read(outcome.resultUri(), alice, CallControl.none())).path("contents").get(0);
        assertThat(content.path("mimeType").asText()).isEqualTo("application/json");
        JsonNode whole = new ObjectMapper().readTree(content.path("text").asText());
        assertThat(whole.size()).isEqualTo(3000);
        assertThat(whole.get(2999).asText()).startsWith("row 002999 ");
        assertThat(outcome.result().size()).isLessThan(3000);

        PrimitiveException other = refusal(catalog.read(outcome.resultUri(), caller("bob", "shop"),
                CallControl.none()));
        assertThat(other.kind()).isEqualTo(PrimitiveException.Kind.NOT_FOUND);
        assertThat(other.data().path("uri").asText()).isEqualTo(outcome.resultUri());
        assertThat(catalog.exists(outcome.resultUri(), alice)).isTrue();
        assertThat(catalog.exists(outcome.resultUri(), caller("bob"))).isFalse();
        assertThat(refusal(catalog.read("toolgate://results/0000", alice, CallControl.none())).kind())
                .isEqualTo(PrimitiveException.Kind.NOT_FOUND);
    }

    @Test
    void otherDoorsAndUncutResultsGetNoLink() {
        Outcome rest = call(Door.REST, caller("alice"), 3000);
        assertThat(rest.isTruncated()).isTrue();
        assertThat(rest.resultUri()).isNull();
        Outcome small = call(Door.MCP, caller("alice"), 3);
        assertThat(small.isTruncated()).isFalse();
        assertThat(small.resultUri()).isNull();
    }
}

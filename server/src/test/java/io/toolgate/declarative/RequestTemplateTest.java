package io.toolgate.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.tool.ArgumentsRejectedException;

/** What a definition may template, and what arguments cannot do to the destination of a request. */
class RequestTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RequestTemplate get(String url) {
        return new RequestTemplate("GET", url, Map.of(), Map.of(), null, null, null);
    }

    @Test
    void theSchemeAndHostAreFixedText() {
        assertThatThrownBy(() -> get("{base}/v1")).hasMessageContaining("fixed host");
        assertThatThrownBy(() -> get("https://{tenant}.example.com/v1")).hasMessageContaining("fixed host");
        assertThatThrownBy(() -> get("https://user:pw@api.example.com/v1")).hasMessageContaining("user information");
        assertThatThrownBy(() -> get("file:///etc/passwd")).hasMessageContaining("http://");
        assertThatThrownBy(() -> new RequestTemplate("TRACE", "https://api.example.com", null, null, null, null, null))
                .hasMessageContaining("method");
        assertThat(get("https://API.example.com:8443/v1/{id}").host()).isEqualTo("api.example.com");
    }

    @Test
    void hostAndFramingHeadersCannotBeTemplated() {
        for (String header : new String[] {"Host", "content-length", "Transfer-Encoding", "Connection"}) {
            assertThatThrownBy(() -> new RequestTemplate("GET", "https://api.example.com/", Map.of(),
                    Map.of(header, "x"), null, null, null)).as(header).hasMessageContaining("set by Toolgate");
        }
    }

    @Test
    void argumentsStayInsideTheirPathSegmentOrQueryValue() throws Exception {
        RequestTemplate t = new RequestTemplate("GET", "https://api.example.com/v1/items/{id}?q={q}",
                Map.of("page", "{page}"), Map.of(), null, "Authorization", null);
        ObjectNode args = (ObjectNode) JSON.readTree(
                "{\"id\":\"../admin?x=1#frag\",\"q\":\"a&b=c\",\"page\":2}");
        OutboundRequest r = t.build(args, "s3cr3t");
        assertThat(r.uri().getHost()).isEqualTo("api.example.com");
        assertThat(r.uri().getRawPath()).isEqualTo("/v1/items/..%2Fadmin%3Fx%3D1%23frag");
        assertThat(r.uri().getRawQuery()).isEqualTo("q=a%26b%3Dc&page=2");
        assertThat(r.headers()).containsEntry("Authorization", "Bearer s3cr3t");
        assertThat(r.secretHeaders()).containsExactly("Authorization");
    }

    @Test
    void unusableArgumentsAreValidationErrors() throws Exception {
        RequestTemplate t = new RequestTemplate("GET", "https://api.example.com/v1/items/{id}", Map.of(),
                Map.of("X-Note", "{note}"), null, null, null);
        assertThatThrownBy(() -> t.build((ObjectNode) JSON.readTree("{\"id\":\"..\",\"note\":\"a\\r\\nHost: x\"}"),
                null))
                .isInstanceOfSatisfying(ArgumentsRejectedException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).containsExactlyInAnyOrder("id", "note"));
        assertThatThrownBy(() -> t.build((ObjectNode) JSON.readTree("{\"id\":{\"a\":1}}"), null))
                .isInstanceOf(ArgumentsRejectedException.class);
    }
}

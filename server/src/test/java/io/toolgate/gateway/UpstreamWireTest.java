package io.toolgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.toolgate.mcp.RoutingHeaders;
import io.toolgate.tool.UpstreamException;

/** The pieces of the gateway's wire format that need no server: file settings, the event-stream reader, headers. */
class UpstreamWireTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, String> ENV = Map.of("SECRET", "s3cret", "KEY",
            "a-signing-key-of-thirty-two-bytes!", "SHORT_KEY", "too-short");

    private static UpstreamSpec read(String yaml) throws Exception {
        return UpstreamDefinitionReader.fromTree((ObjectNode) YAML.readTree(yaml), "file t.yaml", ENV::get);
    }

    @Test
    void oauthSettingsAreReadAndTheTokensAudienceDefaultsToTheUpstream() throws Exception {
        UpstreamSpec spec = read("""
                mcp:
                  name: remote
                  protocol_version: 2026-07-28
                  http:
                    url: https://mcp.example.com/mcp
                    oauth: {token_url: "https://auth.example.com/token", client_id: toolgate,
                            client_secret_env: SECRET, scope: "tools:call"}
                    caller_identity: {secret_env: KEY}
                """);
        assertThat(spec.protocolVersion()).isEqualTo("2026-07-28");
        UpstreamSpec.OAuth oauth = spec.http().oauth();
        assertThat(oauth.clientSecret()).isEqualTo("s3cret");
        assertThat(oauth.resource()).isEqualTo("https://mcp.example.com/mcp");
        assertThat(oauth.scope()).isEqualTo("tools:call");
        assertThat(spec.http().identity().header()).isEqualTo("X-Toolgate-Caller");
    }

    @Test
    void credentialSettingsThatCannotWorkAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> read("""
                mcp: {name: r, http: {url: "https://a.example/mcp", auth: {secret_env: SECRET},
                      oauth: {token_url: "https://a.example/token", client_id: c, client_secret_env: SECRET}}}
                """)).hasMessageContaining("one of auth and oauth");
        assertThatThrownBy(() -> read("""
                mcp: {name: r, http: {url: "https://a.example/mcp",
                      oauth: {token_url: "https://a.example/token", client_id: c, client_secret_env: UNSET}}}
                """)).hasMessageContaining("mcp.http.oauth.client_secret_env").hasMessageContaining("not set");
        assertThatThrownBy(() -> read("""
                mcp: {name: r, http: {url: "https://a.example/mcp",
                      oauth: {token_url: "ftp://a.example/token", client_id: c, client_secret_env: SECRET}}}
                """)).hasMessageContaining("mcp.http.oauth.token_url must be an http or https URL");
        assertThatThrownBy(() -> read("""
                mcp: {name: r, http: {url: "https://a.example/mcp", caller_identity: {secret_env: SHORT_KEY}}}
                """)).hasMessageContaining("fewer than 32 bytes");
        assertThatThrownBy(() -> read("""
                mcp: {name: r, http: {url: "https://a.example/mcp",
                      caller_identity: {header: Authorization, secret_env: KEY}}}
                """)).hasMessageContaining("other than Authorization");
        assertThatThrownBy(() -> read("""
                mcp: {name: r, protocol_version: 2024-11-05, http: {url: "https://a.example/mcp"}}
                """)).hasMessageContaining("mcp.protocol_version must be one of");
    }

    @Test
    void eventsAreReadAcrossChunksWhateverTheLineEnds() {
        List<String> events = new ArrayList<>();
        ServerSentEvents reader = new ServerSentEvents(events::add, 1024);
        byte[] stream = "event: message\r\ndata: {\"a\":\r\ndata: \"é\"}\r\n\r\n: keepalive\n\ndata: two\rdata: lines\r\r"
                .getBytes(StandardCharsets.UTF_8);
        // Fed one byte at a time: a chunk boundary can fall anywhere, inside a CRLF or a character.
        for (byte b : stream) {
            reader.feed(new byte[] { b });
        }
        reader.feed("data: unterminated".getBytes(StandardCharsets.UTF_8));
        reader.end();
        assertThat(events).containsExactly("{\"a\":\n\"é\"}", "two\nlines", "unterminated");
    }

    @Test
    void anEventLargerThanTheLimitEndsTheStream() {
        ServerSentEvents reader = new ServerSentEvents(e -> { }, 64);
        assertThatThrownBy(() -> reader.feed(("data: " + "x".repeat(100)).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UpstreamException.class).hasMessageContaining("larger than 64 bytes");
    }

    @Test
    void argumentsMarkedForHeadersTravelAsHeadersEncodedWhenNotPlainAscii() throws Exception {
        ObjectNode schema = (ObjectNode) YAML.readTree("""
                type: object
                properties:
                  region: {type: string, x-mcp-header: Region}
                  city: {type: string, x-mcp-header: City}
                  count: {type: integer, x-mcp-header: Count}
                  note: {type: string}
                """);
        Map<String, String> headers = RoutingHeaders.parameterHeaders(schema, YAML.readTree(
                "{region: eu-west, city: Zürich, count: 3, note: x}"));
        assertThat(headers).containsOnly(Map.entry("Mcp-Param-Region", "eu-west"),
                Map.entry("Mcp-Param-City", "=?base64?WsO8cmljaA==?="), Map.entry("Mcp-Param-Count", "3"));
        assertThat(RoutingHeaders.headerValue(" padded")).startsWith("=?base64?");
    }
}

package io.toolgate.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** A definition file's keys, defaults and the messages an operator gets for a wrong one. */
class DefinitionReaderTest {

    private static final String BASE = """
            name: get_exchange_rate
            description: Returns the exchange rate between two currencies, from the rates service.
            parameters:
              properties:
                base: {type: string, description: "Three-letter code of the currency to convert from"}
            url: https://rates.example.com/v1/{base}
            """;

    private static HttpToolSpec read(String yaml) {
        return DefinitionReader.read(yaml.getBytes(StandardCharsets.UTF_8), "rates.yaml");
    }

    @Test
    void defaultsCloseTheSchemaAndAllowOnlyTheUrlHost() {
        HttpToolSpec spec = read(BASE);
        assertThat(spec.parameters().get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(spec.parameters().get("type").asText()).isEqualTo("object");
        assertThat(spec.allowedHosts()).containsExactly("rates.example.com");
        assertThat(spec.allowPrivateNetwork()).isFalse();
        assertThat(spec.timeout()).isNull();
        assertThat(spec.retries()).isNull();
        assertThat(spec.secretEnv()).isNull();
        assertThat(spec.origin()).isEqualTo("file rates.yaml");
    }

    @Test
    void policiesAreRead() {
        HttpToolSpec spec = read(BASE + """
                timeout: 1500ms
                retries: 1
                max_concurrency: 3
                roles: [finance]
                rate_limit: {calls: 5, period: 30s}
                idempotent: true
                auth: {secret_env: RATES_KEY}
                """);
        assertThat(spec.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(spec.retries()).isEqualTo(1);
        assertThat(spec.maxConcurrency()).isEqualTo(3);
        assertThat(spec.roles()).containsExactly("finance");
        assertThat(spec.rateLimit().capacity()).isEqualTo(5);
        assertThat(spec.rateLimit().period()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.secretEnv()).isEqualTo("RATES_KEY");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> read(BASE + "retires: 2\n")).hasMessageContaining("unknown key(s) [retires]");
        assertThatThrownBy(() -> read(BASE + "retries: -1\n")).hasMessageContaining("retries must be");
        assertThatThrownBy(() -> read(BASE + "timeout: 0s\n")).hasMessageContaining("longer than zero");
        assertThatThrownBy(() -> read(BASE + "timeout: soon\n")).hasMessageContaining("duration");
        assertThatThrownBy(() -> read(BASE + "response: {pointer: nope}\n")).hasMessageContaining("JSON Pointer");
        assertThatThrownBy(() -> read(BASE.replace("description: Returns", "summary: Returns")))
                .hasMessageContaining("unknown key");
        assertThatThrownBy(() -> read("- a\n- b\n")).hasMessageContaining("one object");
    }
}

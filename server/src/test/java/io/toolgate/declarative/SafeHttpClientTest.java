package io.toolgate.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;

/**
 * The SSRF rules of {@link SafeHttpClient}, without Quarkus: the corpus in {@code security/ssrf-corpus.json} is
 * refused in full, names resolve once and the connection goes to the checked address, redirects are checked like
 * first requests, secrets do not follow a redirect to another host, and size and time limits hold.
 */
class SafeHttpClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Vertx vertx;
    private static HttpStub stub;
    private static JsonNode corpus;
    private static final Map<String, List<InetAddress>> names = new HashMap<>();
    private static final AtomicInteger lookups = new AtomicInteger();

    /** Names from the corpus and the stub's own names resolve here; any other name goes to the system resolver. */
    private static final HostResolver RESOLVER = host -> {
        lookups.incrementAndGet();
        List<InetAddress> known = names.get(host);
        return known != null ? known : HostResolver.SYSTEM.resolve(host);
    };

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        stub = new HttpStub(0);
        try (InputStream in = SafeHttpClientTest.class.getResourceAsStream("/security/ssrf-corpus.json")) {
            corpus = JSON.readTree(in);
        }
        corpus.get("resolver").fields().forEachRemaining(e -> {
            List<InetAddress> addresses = new ArrayList<>();
            e.getValue().forEach(a -> addresses.add(literal(a.asText())));
            names.put(e.getKey(), addresses);
        });
        for (String stubName : List.of("stub.corp.test", "a.corp.test", "b.corp.test")) {
            names.put(stubName, List.of(InetAddress.getLoopbackAddress()));
        }
    }

    @AfterAll
    static void stop() {
        stub.close();
        vertx.close();
    }

    @BeforeEach
    void reset() {
        stub.requests.clear();
        lookups.set(0);
    }

    private static SafeHttpClient client() {
        return new SafeHttpClient(vertx, RESOLVER, 3);
    }

    private static OutboundPolicy policy(boolean allowPrivate, String... hosts) {
        return new OutboundPolicy(List.of(hosts), allowPrivate, Duration.ofSeconds(5), 10_000);
    }

    private static OutboundRequest get(String url, Map<String, String> headers, Set<String> secret) {
        return new OutboundRequest("GET", URI.create(url), headers, null, secret);
    }

    @Test
    void everyDirectCorpusUrlIsRefused() {
        SafeHttpClient client = client();
        List<String> accepted = new ArrayList<>();
        for (JsonNode c : corpus.get("direct")) {
            String url = c.get("url").asText();
            List<String> allowed = new ArrayList<>();
            if (c.has("allowed_hosts")) {
                c.get("allowed_hosts").forEach(h -> allowed.add(h.asText()));
            } else {
                allowed.add(hostOf(url));
            }
            try {
                client.check(URI.create(url), new OutboundPolicy(allowed, false, Duration.ofSeconds(1), 1000));
                accepted.add(url + " (" + c.get("why").asText() + ")");
            } catch (OutboundRefusedException expected) {
                assertThat(expected.getMessage()).startsWith("outbound request refused: ");
            }
        }
        assertThat(accepted).as("corpus URLs that were not refused").isEmpty();
        assertThat(corpus.get("direct").size()).isGreaterThan(50);
    }

    @Test
    void refusalNamesTheReasonWithoutTheResolvedAddress() {
        assertThatThrownBy(() -> client().check(URI.create("http://metadata.corp.test/"),
                policy(false, "metadata.corp.test")))
                .isInstanceOf(OutboundRefusedException.class)
                .hasMessageContaining("link-local")
                .hasMessageNotContaining("169.254");
    }

    @Test
    void publicAddressesPassTheCheck() {
        names.put("public.corp.test", List.of(literal("93.184.216.34"), literal("2606:2800:220:1::1")));
        SafeHttpClient.Target t = client().check(URI.create("https://public.corp.test/v1"),
                policy(false, "public.corp.test"));
        assertThat(t.address().getHostAddress()).isEqualTo("93.184.216.34");
        assertThat(t.port()).isEqualTo(443);
        assertThat(client().check(URI.create("http://8.8.8.8/"), policy(false, "8.8.8.8")).address()
                .getHostAddress()).isEqualTo("8.8.8.8");
        names.put("x.example.com", List.of(literal("93.184.216.34")));
        assertThat(client().check(URI.create("http://x.example.com/"), policy(false, "*.example.com"))).isNotNull();
    }

    @Test
    void theNameIsResolvedOnceAndTheConnectionGoesToThatAddress() throws Exception {
        // The first answer is the stub; any later answer would be an internal address nobody listens on.
        AtomicInteger answers = new AtomicInteger();
        HostResolver rebinding = host -> answers.getAndIncrement() == 0 ? List.of(InetAddress.getLoopbackAddress())
                : List.of(literal("10.255.255.1"));
        stub.json("/pinned", 200, "{\"ok\":true}");
        OutboundResponse r = new SafeHttpClient(vertx, rebinding, 3).send(
                get("http://rebind.corp.test:" + stub.port() + "/pinned", Map.of(), Set.of()),
                policy(true, "rebind.corp.test"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(answers.get()).isEqualTo(1);
        assertThat(stub.last().header("Host")).isEqualTo("rebind.corp.test:" + stub.port());
    }

    @Test
    void privateAddressesAreReachableOnlyWhenTheToolAllowsThem() throws Exception {
        stub.json("/ok", 200, "{\"ok\":true}");
        String url = stub.url() + "/ok";
        assertThatThrownBy(() -> client().send(get(url, Map.of(), Set.of()), policy(false, "127.0.0.1")))
                .isInstanceOf(OutboundRefusedException.class).hasMessageContaining("loopback");
        assertThat(stub.requests).isEmpty();
        assertThat(client().send(get(url, Map.of(), Set.of()), policy(true, "127.0.0.1")).status()).isEqualTo(200);
    }

    @Test
    void everyCorpusRedirectIsRefusedBeforeItIsFollowed() {
        SafeHttpClient client = client();
        List<String> followed = new ArrayList<>();
        for (JsonNode c : corpus.get("redirects")) {
            String location = c.get("location").asText().replace("{port}", String.valueOf(stub.port()));
            stub.requests.clear();
            stub.redirect("/jump", 302, location);
            try {
                client.send(get("http://stub.corp.test:" + stub.port() + "/jump", Map.of(), Set.of()),
                        policy(true, "stub.corp.test"));
                followed.add(location);
            } catch (OutboundRefusedException expected) {
                assertThat(stub.requests).as(location).hasSize(1);
            } catch (Exception other) {
                followed.add(location + " -> " + other);
            }
        }
        assertThat(followed).as("redirects that were not refused").isEmpty();
    }

    @Test
    void allowedRedirectsAreFollowedUpToTheLimit() throws Exception {
        stub.redirect("/r1", 302, "/r2").redirect("/r2", 307, "http://stub.corp.test:" + stub.port() + "/r3")
                .redirect("/r3", 303, "/done").json("/done", 200, "{\"done\":true}");
        OutboundResponse r = client().send(new OutboundRequest("POST",
                URI.create("http://stub.corp.test:" + stub.port() + "/r1"), Map.of(), "{}".getBytes(), Set.of()),
                policy(true, "stub.corp.test"));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("done");
        assertThat(stub.last().method()).isEqualTo("GET");

        stub.redirect("/loop", 302, "/loop");
        assertThatThrownBy(() -> client().send(get("http://stub.corp.test:" + stub.port() + "/loop", Map.of(),
                Set.of()), policy(true, "stub.corp.test")))
                .isInstanceOf(UpstreamFailureException.class).hasMessageContaining("more than 3");
        assertThat(stub.requests.stream().filter(q -> q.pathAndQuery().equals("/loop"))).hasSize(4);
    }

    @Test
    void theSecretHeaderStaysWithItsOrigin() throws Exception {
        stub.redirect("/a", 302, "http://b.corp.test:" + stub.port() + "/b").json("/b", 200, "{}");
        client().send(get("http://a.corp.test:" + stub.port() + "/a", Map.of("Authorization", "Bearer s3cr3t"),
                Set.of("Authorization")), policy(true, "a.corp.test", "b.corp.test"));
        assertThat(stub.requests.get(0).header("Authorization")).isEqualTo("Bearer s3cr3t");
        assertThat(stub.requests.get(1).header("Authorization")).isNull();
    }

    @Test
    void shortAndEmptyBodiesAreNeverMissed() throws Exception {
        // Pins down a race: body handlers attached too late miss a response that has already ended.
        stub.answer("/empty", 204, Map.of(), new byte[0]).json("/tiny", 200, "{}");
        SafeHttpClient client = client();
        for (int i = 0; i < 200; i++) {
            String path = i % 2 == 0 ? "/empty" : "/tiny";
            OutboundResponse r = client.send(get(stub.url() + path, Map.of(), Set.of()),
                    new OutboundPolicy(List.of("127.0.0.1"), true, Duration.ofSeconds(2), 1000));
            assertThat(r.status()).isEqualTo(i % 2 == 0 ? 204 : 200);
        }
    }

    @Test
    void responsesOverTheSizeLimitFail() {
        stub.answer("/big", 200, Map.of("Content-Type", "application/json"), new byte[20_000]);
        assertThatThrownBy(() -> client().send(get(stub.url() + "/big", Map.of(), Set.of()),
                policy(true, "127.0.0.1")))
                .isInstanceOf(UpstreamFailureException.class).hasMessageContaining("larger than");
    }

    @Test
    void slowResponsesTimeOut() {
        stub.slow("/slow", 3000);
        long start = System.nanoTime();
        assertThatThrownBy(() -> client().send(get(stub.url() + "/slow", Map.of(), Set.of()),
                new OutboundPolicy(List.of("127.0.0.1"), true, Duration.ofMillis(500), 1000)))
                .isInstanceOf(UpstreamFailureException.class).hasMessageContaining("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url).getHost();
            if (host == null) {
                return "";
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }
}

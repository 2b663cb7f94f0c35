package io.toolgate.invoke;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomDistribution;

/**
 * Random and mutated bodies thrown at every door where arguments enter (REST body, REST envelope with an arguments
 * string, batch, MCP): no answer may be a 5xx, and the server keeps serving. The bodies come from jqwik's generators
 * (random text over a JSON alphabet, and valid bodies with bytes inserted, deleted, replaced or duplicated, invalid
 * UTF-8 among them), with a fixed seed so a failure can be replayed; the failing body is printed.
 */
@QuarkusTest
class JsonFuzzTest {

    static final long SEED = Long.getLong("fuzz-seed", 20261206L);
    static final int BODIES = Integer.getInteger("fuzz-bodies", 250);

    static final List<String> SEEDS = List.of(
            "{\"query\":\"laptop\",\"max_results\":3}",
            "{\"arguments\":\"{\\\"query\\\":\\\"chair\\\",\\\"category\\\":\\\"furniture\\\"}\",\"tool_call_id\":\"c1\"}",
            "{\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"search_products\","
                    + "\"arguments\":\"{\\\"query\\\":\\\"desk\\\"}\"}}]}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"search_products\","
                    + "\"arguments\":{\"query\":\"lamp\",\"max_results\":2},\"_meta\":{"
                    + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                    + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}");

    /** Bytes a mutation may insert: JSON's structural characters, escapes, and bytes that break UTF-8. */
    static final byte[] NASTY = "{}[]:,\"\\ -0123456789eE.+tfnul\u00e9".getBytes(StandardCharsets.UTF_8);

    @Test
    void noBodyGetsA5xxAndTheServerKeepsServing() {
        Random random = new Random(SEED);
        List<byte[]> bodies = new ArrayList<>();
        Arbitrary<String> text = Arbitraries.strings().withChars("{}[]:,\"\\ abcxyz0123456789-.eE")
                .withCharRange('\u0000', '\u001f').withCharRange('\ud800', '\udfff').ofMaxLength(120);
        text.sampleStream().limit(BODIES / 5).forEach(s -> bodies.add(s.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<Integer> mutations = Arbitraries.integers().between(1, 6)
                .withDistribution(RandomDistribution.uniform());
        for (int i = bodies.size(); i < BODIES; i++) {
            byte[] body = SEEDS.get(random.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8);
            int n = mutations.sample();
            for (int m = 0; m < n; m++) {
                body = mutate(body, random);
            }
            bodies.add(body);
        }
        for (byte[] body : bodies) {
            for (Door door : Door.values()) {
                Response r = door.post(body);
                assertThat(r.statusCode()).as("%s answered %d to %s: %s", door, r.statusCode(), show(body),
                        r.asString()).isLessThan(500);
            }
        }
        given().get("/tools").then().statusCode(200);
        given().contentType("application/json").body("{\"query\":\"laptop\"}").post("/tools/search_products/invoke")
                .then().statusCode(200);
    }

    enum Door {
        REST, BATCH, MCP;

        Response post(byte[] body) {
            return switch (this) {
                case REST -> given().contentType("application/json").body(body).post("/tools/search_products/invoke");
                case BATCH -> given().contentType("application/json").body(body).post("/tools/batch");
                case MCP -> given().contentType("application/json").header("Accept", StrictJsonTest.MCP_ACCEPT)
                        .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call")
                        .header("Mcp-Name", "search_products").body(body).post("/mcp");
            };
        }
    }

    static byte[] mutate(byte[] body, Random random) {
        int at = body.length == 0 ? 0 : random.nextInt(body.length);
        byte[] out;
        switch (random.nextInt(5)) {
            case 0 -> { // insert a nasty byte or an invalid UTF-8 byte
                byte b = random.nextBoolean() ? NASTY[random.nextInt(NASTY.length)] : (byte) (0x80 + random.nextInt(128));
                out = new byte[body.length + 1];
                System.arraycopy(body, 0, out, 0, at);
                out[at] = b;
                System.arraycopy(body, at, out, at + 1, body.length - at);
            }
            case 1 -> { // delete a run of bytes
                int len = Math.min(body.length - at, 1 + random.nextInt(4));
                out = new byte[body.length - len];
                System.arraycopy(body, 0, out, 0, at);
                System.arraycopy(body, at + len, out, at, body.length - at - len);
            }
            case 2 -> { // replace a byte
                out = body.clone();
                if (out.length > 0) {
                    out[at] = NASTY[random.nextInt(NASTY.length)];
                }
            }
            case 3 -> { // duplicate a slice (duplicate keys, repeated values)
                int len = Math.min(body.length - at, 1 + random.nextInt(20));
                out = new byte[body.length + len];
                System.arraycopy(body, 0, out, 0, at + len);
                System.arraycopy(body, at, out, at + len, body.length - at);
            }
            default -> { // truncate
                out = java.util.Arrays.copyOf(body, at);
            }
        }
        return out;
    }

    static String show(byte[] body) {
        StringBuilder s = new StringBuilder();
        for (byte b : body) {
            s.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
        }
        return s.toString();
    }
}

package io.toolgate.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The signed {@code requestState} of 2026-07-28 input-required results, without the HTTP around it. */
class RequestStatesTest {

    private static final String TOOL = "confirm_delete";
    private static final JsonNode ARGUMENTS = Mcp.json("{\"filename\":\"a.txt\",\"force\":false}");
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private static Map<String, JsonNode> answers() {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        answers.put("confirm", Mcp.json("{\"action\":\"accept\",\"content\":{\"ok\":true}}"));
        answers.put("step2", Mcp.json("{\"action\":\"decline\"}"));
        return answers;
    }

    private static String seal(RequestStates states) {
        return states.seal("tools/call", TOOL, ARGUMENTS, "alice", answers());
    }

    private static void refused(RequestStates states, String state, String why) {
        McpError e = assertThrows(McpError.class, () -> states.open(state, "tools/call", TOOL, ARGUMENTS, "alice"));
        assertEquals(JsonRpc.INVALID_PARAMS, e.code());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void theAnswersComeBackInOrder() throws McpError {
        RequestStates states = new RequestStates("secret", LIFETIME);
        Map<String, JsonNode> opened = states.open(seal(states), "tools/call", TOOL, Mcp.json(
                "{\"filename\":\"a.txt\",\"force\":false}"), "alice");
        assertEquals(answers(), opened);
        assertEquals(java.util.List.of("confirm", "step2"), java.util.List.copyOf(opened.keySet()));
    }

    @Test
    void instancesSharingTheSecretOpenEachOthersStates() throws McpError {
        String state = seal(new RequestStates("shared", LIFETIME));
        assertEquals(answers(), new RequestStates("shared", LIFETIME).open(state, "tools/call", TOOL, ARGUMENTS,
                "alice"));
    }

    @Test
    void anotherSecretOrARandomKeyRefusesTheState() {
        String state = seal(new RequestStates("one", LIFETIME));
        refused(new RequestStates("two", LIFETIME), state, "integrity");
        refused(new RequestStates(null, LIFETIME), state, "integrity");
        refused(new RequestStates("", LIFETIME), state, "integrity");
        // Two instances without a secret each have a random key of their own.
        String unsigned = seal(new RequestStates(null, LIFETIME));
        refused(new RequestStates(null, LIFETIME), unsigned, "integrity");
    }

    @Test
    void everyAlteredCharacterIsNoticed() {
        RequestStates states = new RequestStates("secret", LIFETIME);
        String state = seal(states);
        for (int i = 0; i < state.length(); i++) {
            char c = state.charAt(i);
            if (c == '.') {
                continue;
            }
            String tampered = state.substring(0, i) + (c == 'A' ? 'B' : 'A') + state.substring(i + 1);
            McpError e = assertThrows(McpError.class, () -> states.open(tampered, "tools/call", TOOL, ARGUMENTS,
                    "alice"), "position " + i);
            assertEquals(JsonRpc.INVALID_PARAMS, e.code());
        }
        refused(states, "no dot at all", "not a state");
        refused(states, ".abc", "not a state");
        refused(states, "a.b", "integrity");
        refused(states, state + "x", "integrity");
    }

    @Test
    void aStateOpensOnlyForItsMethodTargetArgumentsAndPrincipal() throws McpError {
        RequestStates states = new RequestStates("secret", LIFETIME);
        String state = seal(states);
        assertThrows(McpError.class, () -> states.open(state, "prompts/get", TOOL, ARGUMENTS, "alice"));
        assertThrows(McpError.class, () -> states.open(state, "tools/call", "greet", ARGUMENTS, "alice"));
        assertThrows(McpError.class, () -> states.open(state, "tools/call", TOOL,
                Mcp.json("{\"filename\":\"b.txt\",\"force\":false}"), "alice"));
        assertThrows(McpError.class, () -> states.open(state, "tools/call", TOOL, Mcp.json("{}"), "alice"));
        assertThrows(McpError.class, () -> states.open(state, "tools/call", TOOL, null, "alice"));
        McpError other = assertThrows(McpError.class, () -> states.open(state, "tools/call", TOOL, ARGUMENTS, "bob"));
        assertTrue(other.getMessage().contains("another request"), other.getMessage());
        // and still for its own
        assertEquals(answers(), states.open(state, "tools/call", TOOL, ARGUMENTS, "alice"));
    }

    @Test
    void aStateExpiresAfterItsLifetime() throws Exception {
        RequestStates states = new RequestStates("secret", Duration.ofSeconds(1));
        String state = seal(states);
        assertEquals(answers(), states.open(state, "tools/call", TOOL, ARGUMENTS, "alice"));
        Thread.sleep(1_500);
        refused(states, state, "expired");
        // An instance with a longer lifetime does not extend it: the expiry is inside the signed state.
        refused(new RequestStates("secret", Duration.ofHours(1)), state, "expired");
    }

    @Test
    void aStateWithoutAnswersOpensEmpty() throws McpError {
        RequestStates states = new RequestStates("secret", LIFETIME);
        String state = states.seal("prompts/get", "place_order", null, "anonymous", Map.of());
        assertEquals(Map.of(), states.open(state, "prompts/get", "place_order", null, "anonymous"));
    }
}

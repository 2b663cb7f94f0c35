package io.toolgate.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class McpSessionsTest {

    @Test
    void instancesSharingTheSecretAcceptEachOthersSessions() {
        McpSessions a = new McpSessions("shared-secret", Duration.ofMinutes(5));
        McpSessions b = new McpSessions("shared-secret", Duration.ofMinutes(5));
        String id = a.create("2025-06-18", ClientCapabilities.NONE).id();
        McpSession adopted = b.find(id).orElseThrow();
        assertEquals("2025-06-18", adopted.protocolVersion());
        assertFalse(adopted.capabilities().has("sampling"));
        var capabilities = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        capabilities.putObject("sampling");
        capabilities.putObject("elicitation");
        String asking = a.create("2025-11-25", ClientCapabilities.of(capabilities)).id();
        McpSession other = b.find(asking).orElseThrow();
        assertTrue(other.capabilities().has("sampling"), "capabilities travel in the signed id to another instance");
        assertTrue(other.capabilities().has("elicitation"));
        assertFalse(other.capabilities().has("roots"));
    }

    @Test
    void otherSecretsForgedAndTamperedIdsAreUnknown() {
        McpSessions a = new McpSessions("one", Duration.ofMinutes(5));
        McpSessions other = new McpSessions("two", Duration.ofMinutes(5));
        McpSessions random = new McpSessions(null, Duration.ofMinutes(5));
        String id = a.create("2025-11-25", ClientCapabilities.NONE).id();
        assertTrue(other.find(id).isEmpty());
        assertTrue(random.find(id).isEmpty());
        for (int i : new int[] { 0, 5, id.indexOf('.') + 3, id.length() - 1 }) {
            char c = id.charAt(i);
            String tampered = id.substring(0, i) + (c == 'A' ? 'B' : 'A') + id.substring(i + 1);
            assertTrue(a.find(tampered).isEmpty(), tampered);
        }
        assertTrue(a.find("nonsense").isEmpty());
        assertTrue(a.find("a.b").isEmpty());
    }

    @Test
    void endedSessionsStayEndedOnTheInstanceThatEndedThem() {
        McpSessions a = new McpSessions("shared", Duration.ofMinutes(5));
        McpSessions b = new McpSessions("shared", Duration.ofMinutes(5));
        String id = a.create("2025-11-25", ClientCapabilities.NONE).id();
        assertTrue(b.end(id));
        assertTrue(b.find(id).isEmpty());
        assertFalse(b.end(id));
        assertTrue(a.find(id).isPresent(), "the issuing instance learns of the end only from its own DELETE");
    }

    @Test
    void idleSessionsExpire() throws InterruptedException {
        McpSessions sessions = new McpSessions(null, Duration.ofMillis(50));
        String id = sessions.create("2025-11-25", ClientCapabilities.NONE).id();
        Thread.sleep(120);
        assertTrue(sessions.find(id).isEmpty());
    }

    @Test
    void idsCarryAtLeast128RandomBits() {
        McpSessions sessions = new McpSessions(null, Duration.ofMinutes(5));
        String id = sessions.create("2025-11-25", ClientCapabilities.NONE).id();
        assertTrue(id.indexOf('.') >= 22, id);
        assertTrue(id.matches("[A-Za-z0-9_.-]+"), id);
    }
}

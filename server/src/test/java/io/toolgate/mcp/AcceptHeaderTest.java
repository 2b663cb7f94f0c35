package io.toolgate.mcp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The in-place Accept scan of the MCP transport, on the header shapes clients send. */
class AcceptHeaderTest {

    private static final String JSON = "application/json";
    private static final String SSE = "text/event-stream";

    @Test
    void exactTypesInAnyOrderWithSpacesAndParameters() {
        String header = " text/event-stream;q=0.9 ,  application/json ; charset=utf-8";
        assertTrue(McpHttpTransport.accepts(header, JSON));
        assertTrue(McpHttpTransport.accepts(header, SSE));
        assertTrue(McpHttpTransport.accepts("application/json, text/event-stream", SSE));
    }

    @Test
    void caseDoesNotMatter() {
        assertTrue(McpHttpTransport.accepts("Application/JSON", JSON));
        assertTrue(McpHttpTransport.accepts("TEXT/*", SSE));
    }

    @Test
    void wildcardsAdmitTheirTypes() {
        assertTrue(McpHttpTransport.accepts("*/*", JSON));
        assertTrue(McpHttpTransport.accepts("application/*", JSON));
        assertFalse(McpHttpTransport.accepts("application/*", SSE));
        assertTrue(McpHttpTransport.accepts("text/html, text/*;q=0.1", SSE));
    }

    @Test
    void lookalikesAndEmptyRangesDoNotMatch() {
        assertFalse(McpHttpTransport.accepts(null, JSON));
        assertFalse(McpHttpTransport.accepts("", JSON));
        assertFalse(McpHttpTransport.accepts(",,;", JSON));
        assertFalse(McpHttpTransport.accepts("application/jsonx", JSON));
        assertFalse(McpHttpTransport.accepts("xapplication/json", JSON));
        assertFalse(McpHttpTransport.accepts("application/js", JSON));
        assertFalse(McpHttpTransport.accepts("application/x*", JSON));
        assertFalse(McpHttpTransport.accepts("text/event-stream", JSON));
        assertFalse(McpHttpTransport.accepts("applicatio*/json", JSON));
    }
}

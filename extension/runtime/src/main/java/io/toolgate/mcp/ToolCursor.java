package io.toolgate.mcp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code tools/list} cursor: the name of the last tool sent. Tools are listed sorted by name, so the next
 * page starts after that name even when tools came or went in between, and any instance can serve it.
 */
final class ToolCursor {

    private static final String PREFIX = "after:";

    private ToolCursor() {
    }

    static String after(String toolName) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + toolName).getBytes(StandardCharsets.UTF_8));
    }

    /** The tool name the cursor points after; throws for anything this server did not hand out. */
    static String decode(String cursor) throws McpError {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                return text.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException notBase64) {
            // answered below, like any other cursor we did not issue
        }
        throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid cursor; pass the nextCursor of a previous tools/list"
                + " result, or no cursor for the first page");
    }
}

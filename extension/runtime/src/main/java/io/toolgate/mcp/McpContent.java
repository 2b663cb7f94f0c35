package io.toolgate.mcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds a tool result made of MCP content blocks, for tools whose answer is not JSON text: return
 * {@code McpContent.of(McpContent.image(base64, "image/png"))} from a tool method declared to return {@code JsonNode}.
 * The MCP door sends the blocks as they are; other doors see the same {@code {"content": [...]}} object as JSON.
 */
public final class McpContent {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private McpContent() {
    }

    public static ObjectNode of(ObjectNode... blocks) {
        ObjectNode result = JSON.objectNode();
        ArrayNode content = result.putArray("content");
        for (ObjectNode block : blocks) {
            content.add(block);
        }
        return result;
    }

    public static ObjectNode text(String text) {
        return JSON.objectNode().put("type", "text").put("text", text);
    }

    public static ObjectNode image(String base64, String mimeType) {
        return JSON.objectNode().put("type", "image").put("data", base64).put("mimeType", mimeType);
    }

    public static ObjectNode audio(String base64, String mimeType) {
        return JSON.objectNode().put("type", "audio").put("data", base64).put("mimeType", mimeType);
    }

    public static ObjectNode textResource(String uri, String mimeType, String text) {
        ObjectNode block = JSON.objectNode().put("type", "resource");
        block.putObject("resource").put("uri", uri).put("mimeType", mimeType).put("text", text);
        return block;
    }
}

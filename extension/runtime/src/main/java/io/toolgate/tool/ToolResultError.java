package io.toolgate.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;


/**
 * A tool answered with an MCP error result ({@code isError: true}, as an upstream MCP server's tool does): the tool
 * refusing or failing the request, which is for the model to read. Its message is the result's text; the whole
 * result travels along so the MCP door can pass it on as it came.
 */
public final class ToolResultError extends ToolException {

    private final ObjectNode result;

    public ToolResultError(ObjectNode result) {
        super(text(result));
        this.result = result;
    }

    public ObjectNode result() {
        return result;
    }

    private static String text(ObjectNode result) {
        StringBuilder text = new StringBuilder();
        for (JsonNode block : result.path("content")) {
            if ("text".equals(block.path("type").asText())) {
                text.append(text.length() == 0 ? "" : "\n").append(block.path("text").asText());
            }
        }
        return text.length() == 0 ? "the upstream tool reported an error" : text.toString();
    }
}

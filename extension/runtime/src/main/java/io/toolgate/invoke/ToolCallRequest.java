package io.toolgate.invoke;

/**
 * One tool call of a batch as a model asked for it.
 *
 * @param arguments a JSON text, a JsonNode, or null
 * @param malformed why the item could not be read as a tool call, or null when it could
 */
public record ToolCallRequest(String id, String name, Object arguments, String malformed) {

    public static ToolCallRequest malformed(String id, String name, String reason) {
        return new ToolCallRequest(id, name, null, reason);
    }
}

package io.toolgate.tool;

/** MCP tool annotations: behaviour hints a client may show or use, never trusted for security. */
public record ToolHints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {
}

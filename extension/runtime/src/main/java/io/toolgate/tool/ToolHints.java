package io.toolgate.tool;

/**
 * MCP tool annotations: behaviour hints a client may show or use, never trusted for security; plus whether the tool
 * may run as an MCP task (a long call the client polls instead of waiting for).
 */
public record ToolHints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld,
        TaskSupport taskSupport, long taskWindowMs) {

    /** {@link #taskWindowMs} for the server's {@code toolgate.mcp.task-window}. */
    public static final long DEFAULT_TASK_WINDOW = -1;

    public ToolHints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {
        this(readOnly, destructive, idempotent, openWorld, TaskSupport.FORBIDDEN);
    }

    public ToolHints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld,
            TaskSupport taskSupport) {
        this(readOnly, destructive, idempotent, openWorld, taskSupport, DEFAULT_TASK_WINDOW);
    }

    /** MCP's {@code execution.taskSupport}: whether a client that supports tasks gets one for a call of this tool. */
    public enum TaskSupport {
        /** Always answered directly. */
        FORBIDDEN,
        /** A task when the client supports tasks, a direct answer otherwise. */
        OPTIONAL,
        /** Only as a task: a client without task support is refused. */
        REQUIRED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

package io.toolgate.invoke;

/** The entry point a call came through; recorded with every call for history, audit and metrics. */
public enum Door {
    REST, BATCH, MCP, AGENT, WORKFLOW, DEV_UI, INTERNAL;

    public String id() {
        return name().toLowerCase();
    }
}

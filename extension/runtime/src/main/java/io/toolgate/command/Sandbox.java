package io.toolgate.command;

/** How a program is isolated beyond the limits every command gets (see docs/tools.md, "Command tools"). */
public enum Sandbox {
    /** Limits, empty environment, own process group and working folder; the file system and network as Toolgate's. */
    NONE,
    /** The above inside bubblewrap: read-only file system view, no network, own PID namespace, no capabilities. */
    BWRAP
}

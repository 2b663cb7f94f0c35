package io.toolgate.tool;

import java.time.Duration;

/** How a tool is run, resolved once at registration from its annotation and configuration overrides. */
public record ToolPolicy(Duration timeout, int maxConcurrency) {
}

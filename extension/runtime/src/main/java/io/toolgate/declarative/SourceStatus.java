package io.toolgate.declarative;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one source of declarative tools (a definition file, an OpenAPI document or an upstream MCP server) contributed,
 * for {@code GET /tool-sources}.
 *
 * @param source the file name within the folder, or {@code openapi:<name>}
 * @param problem why the source (or part of it) was not loaded; null when all is well
 * @param quarantined an upstream's tools held back until an admin approves them, each with the reason and the pinned
 *        and current definitions; null for other sources
 */
public record SourceStatus(String source, List<String> tools, String problem,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Quarantined> quarantined) {

    public SourceStatus(String source, List<String> tools, String problem) {
        this(source, tools, problem, null);
    }

    /** One held-back tool: its name as served, why, and the definition pinned (null if never) and listed now. */
    public record Quarantined(String tool, String reason, Object pinned, Object current) {
    }
}

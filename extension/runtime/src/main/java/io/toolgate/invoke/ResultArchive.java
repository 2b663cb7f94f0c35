package io.toolgate.invoke;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Keeps the whole of a result that {@link ResultLimitStage} cut, so the caller can still read it later: the MCP door
 * links to it instead of losing the rest. Implemented by the MCP results resource (database table
 * {@code mcp_results}).
 */
public interface ResultArchive {

    /** An archive that keeps nothing (embedded pipelines, benchmarks). */
    ResultArchive NONE = (principal, tool, result, size) -> CompletableFuture.completedFuture(null);

    /**
     * @param size the result's size in bytes of JSON text
     * @return the URI the result can be read at by {@code principal}, or null when it was not kept (too large)
     */
    CompletionStage<String> keep(String principal, String tool, JsonNode result, long size);
}

package io.toolgate.declarative;

import java.util.List;

/**
 * What one source of declarative tools (a definition file or an OpenAPI document) contributed, for
 * {@code GET /tool-sources}.
 *
 * @param source the file name within the folder, or {@code openapi:<name>}
 * @param problem why the source (or part of it) was not loaded; null when all is well
 */
public record SourceStatus(String source, List<String> tools, String problem) {
}

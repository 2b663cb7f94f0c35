package io.toolgate.command;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.tool.ToolPolicy;

/**
 * One command tool as written in a definition file, checked and ready to become a
 * {@link io.toolgate.tool.ToolDefinition}.
 *
 * @param executable the absolute path the file names (checked against the allowlist by {@link CommandTools})
 * @param stdinParam parameter whose value is the program's standard input; null for none (/dev/null)
 * @param env fixed extra environment variables of this tool (values are literal text, never arguments)
 * @param pathParams parameters naming files under the files root: confined like read_file, passed as real paths
 * @param optionParams parameters whose values may begin with '-' (may be read as options by the program)
 * @param limits null fields are filled from {@code toolgate.commands.*}
 * @param tags labels to find the tool by
 */
public record CommandSpec(String name, String title, String description, ObjectNode parameters, String executable,
        ArgvTemplate argv, String stdinParam, Map<String, String> env, Sandbox sandbox, boolean keepOutputs,
        boolean copyFilesRoot, Set<String> pathParams, Set<String> optionParams, Long cpuSeconds, Long memoryMb,
        Integer openFiles, Long fileSizeMb, Integer outputBytes, Duration timeout, int maxConcurrency,
        Set<String> roles, ToolPolicy.RateLimit rateLimit, boolean readOnly, boolean idempotent, boolean destructive,
        String origin, Set<String> tags) {
}

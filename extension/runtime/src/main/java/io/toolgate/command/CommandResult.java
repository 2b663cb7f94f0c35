package io.toolgate.command;

import java.util.List;

/**
 * What one run of a program gave.
 *
 * @param workDir the kept working folder relative to the work root; null when it was removed
 * @param files the files left in a kept working folder, relative to it; null when it was removed
 */
public record CommandResult(int exitCode, String stdout, String stderr, boolean stdoutTruncated,
        boolean stderrTruncated, long durationMs, String workDir, List<String> files) {
}

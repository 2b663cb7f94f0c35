package io.toolgate.command;

/**
 * What one run of a program may use. Applied by util-linux {@code prlimit} to the program itself (CPU, memory, open
 * files, file size) and by the runner (captured output); the wall-clock limit is the tool's policy timeout.
 *
 * @param cpuSeconds CPU time; the kernel sends SIGXCPU at this, SIGKILL a second later
 * @param memoryBytes address space (RLIMIT_AS): allocations beyond it fail
 * @param openFiles file descriptors (RLIMIT_NOFILE)
 * @param fileSizeBytes largest file the program may write (RLIMIT_FSIZE; SIGXFSZ beyond)
 * @param outputBytes captured stdout and captured stderr, each; the rest is read and thrown away
 */
public record CommandLimits(long cpuSeconds, long memoryBytes, int openFiles, long fileSizeBytes, int outputBytes) {
}

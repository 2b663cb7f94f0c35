package io.toolgate.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.security.Caller;
import io.toolgate.tool.ArgumentsRejectedException;
import io.toolgate.tool.ConfinedPaths;
import io.toolgate.tool.PreparedCall;
import io.toolgate.tool.ToolException;
import io.toolgate.tool.ToolExecutor;

/**
 * Runs a command tool: the argument list from the template (prepare, so bad values are VALIDATION_ERRORs naming the
 * field and rule), then the program through the {@link CommandRunner} (call). Time-outs, bulkhead, audit and
 * validation against the schema are the pipeline's.
 */
public final class CommandToolExecutor implements ToolExecutor {

    private static final int STDERR_LINES = 5;

    private final CommandSpec spec;
    private final String executable;
    private final CommandRunner runner;
    private final Map<String, String> environment;
    private final CommandLimits limits;
    private final Path filesRoot;
    private final int maxArgBytes;
    private final int maxArgvBytes;
    private final Duration backstop;
    private final List<Path> shownFiles;

    CommandToolExecutor(CommandSpec spec, String executable, CommandRunner runner, Map<String, String> environment,
            CommandLimits limits, Path filesRoot, int maxArgBytes, int maxArgvBytes, Duration backstop,
            List<Path> shownFiles) {
        this.spec = spec;
        this.executable = executable;
        this.runner = runner;
        this.environment = environment;
        this.limits = limits;
        this.filesRoot = filesRoot;
        this.maxArgBytes = maxArgBytes;
        this.maxArgvBytes = maxArgvBytes;
        this.backstop = backstop;
        this.shownFiles = shownFiles;
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public PreparedCall prepare(ObjectNode arguments, Caller caller) throws ArgumentsRejectedException {
        Set<String> paths = spec.pathParams();
        List<String> argv = spec.argv().expand(arguments, spec.optionParams(), maxArgBytes, maxArgvBytes,
                (param, value) -> paths.contains(param) ? confined(value) : value);
        JsonNode stdinValue = spec.stdinParam() == null ? null : arguments.get(spec.stdinParam());
        byte[] stdin = stdinValue == null || stdinValue.isNull() ? null
                : stdinValue.asText().getBytes(StandardCharsets.UTF_8);
        CommandRunner.Run run = new CommandRunner.Run(executable, argv, stdin, environment, spec.sandbox(), limits,
                spec.keepOutputs(), spec.copyFilesRoot() ? filesRoot : null, backstop, shownFiles);
        return () -> result(runner.run(run), limits, List.of(filesRoot));
    }

    private String confined(String value) {
        Path realRoot = ConfinedPaths.realRoot(filesRoot);
        return ConfinedPaths.resolveExisting(realRoot, value,
                () -> new ToolException("no file " + value + " under the files root")).toString();
    }

    /**
     * The tool's result, or the failure the model reads: a non-zero exit quotes the first lines of stderr; a program
     * stopped by a limit says which.
     *
     * @param scrubbed folders whose absolute path is shown relative in the output (the server's layout is not the
     *        model's business)
     */
    public static ObjectNode result(CommandResult r, CommandLimits limits, List<Path> scrubbed) {
        String stdout = scrub(r.stdout(), scrubbed);
        String stderr = scrub(r.stderr(), scrubbed);
        if (r.exitCode() != 0) {
            throw new ToolException(failure(r.exitCode(), stderr, r.stderrTruncated(), limits));
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("exit_code", r.exitCode());
        o.put("stdout", stdout);
        o.put("stderr", stderr);
        o.put("stdout_truncated", r.stdoutTruncated());
        o.put("stderr_truncated", r.stderrTruncated());
        o.put("duration_ms", r.durationMs());
        if (r.workDir() != null) {
            o.put("work_dir", r.workDir());
            o.set("files", JsonNodeFactory.instance.arrayNode().addAll(
                    r.files().stream().map(JsonNodeFactory.instance::textNode).toList()));
        }
        return o;
    }

    static String failure(int exit, String stderr, boolean truncated, CommandLimits limits) {
        String firstLines = String.join("\n", stderr.lines().limit(STDERR_LINES).toList());
        String quoted = firstLines.isBlank() ? " (nothing on stderr)" : ": " + firstLines
                + (stderr.lines().count() > STDERR_LINES || truncated ? "\n..." : "");
        // Java reports a program ended by signal N as exit status 128 + N.
        int signal = exit > 128 && exit <= 128 + 64 ? exit - 128 : 0;
        return switch (signal) {
            case 24 -> "the program was stopped by its CPU time limit of " + limits.cpuSeconds() + " s (SIGXCPU)";
            case 9 -> "the program was killed (SIGKILL): it used up its CPU time limit of " + limits.cpuSeconds()
                    + " s, or the system ran out of memory";
            case 25 -> "the program was stopped by its file size limit of " + limits.fileSizeBytes() / (1024 * 1024)
                    + " MiB (SIGXFSZ)";
            case 11, 6, 7 -> "the program crashed (signal " + signal + "); a program that runs out of its memory"
                    + " limit of " + limits.memoryBytes() / (1024 * 1024) + " MiB often ends like this" + quoted;
            default -> "the program exited with code " + exit + quoted
                    + (stderr.toLowerCase(java.util.Locale.ROOT).contains("memory") ? "\n(its memory limit is "
                            + limits.memoryBytes() / (1024 * 1024) + " MiB)" : "");
        };
    }

    private static String scrub(String text, List<Path> roots) {
        String out = text;
        for (Path root : roots) {
            try {
                String real = root.toRealPath().toString() + "/";
                out = out.replace(real, "");
            } catch (java.io.IOException | RuntimeException absent) {
                // nothing to hide
            }
        }
        return out;
    }
}

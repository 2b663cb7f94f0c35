package io.toolgate.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.toolgate.config.ToolgateConfig;
import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolHints;
import io.toolgate.tool.ToolPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Turns a {@link CommandSpec} into a {@link ToolDefinition}, enforcing the operator's rules first: the executable is
 * an absolute path that, and whose real path, are on {@code toolgate.commands.allowed-executables}; an interpreter's
 * program text is fixed by the operator; {@code sandbox: bwrap} needs a bubblewrap that works here. A definition that
 * breaks a rule is refused (IllegalArgumentException naming the tool and the rule) and never registered.
 */
@ApplicationScoped
public class CommandTools {

    private static final Logger LOG = Logger.getLogger(CommandTools.class);
    private static final long MIB = 1024L * 1024;
    // Programs that run code given as an argument (-c, -e, a script path): their first argument must be fixed text.
    private static final Set<String> INTERPRETERS = Set.of("sh", "bash", "dash", "zsh", "ksh", "mksh", "fish",
            "csh", "tcsh", "python", "python3", "perl", "ruby", "node", "php", "lua", "awk", "gawk", "mawk", "sed",
            "find", "make", "java");
    // Programs whose job is to run another program named in their arguments: refused whatever the template.
    private static final Set<String> LAUNCHERS = Set.of("env", "xargs", "nice", "ionice", "timeout", "nohup",
            "setsid", "sudo", "su", "ssh", "busybox", "chroot", "stdbuf", "time", "strace", "nsenter", "unshare",
            "bwrap", "prlimit", "flock", "watch", "parallel", "script", "runuser", "doas", "taskset", "chrt");
    // Kept beyond a program's policy timeout: the pipeline interrupts at the timeout; this only catches a lost one.
    private static final Duration BACKSTOP_GRACE = Duration.ofSeconds(5);

    private final ToolgateConfig config;
    private final CommandRunner runner;
    private final Set<String> allowed;
    private final Map<String, String> environment;
    private volatile Boolean bwrapUsable;

    @Inject
    public CommandTools(ToolgateConfig config) {
        this.config = config;
        ToolgateConfig.Commands c = config.commands();
        this.allowed = Set.copyOf(c.allowedExecutables());
        Map<String, String> env = new LinkedHashMap<>();
        for (String pair : c.environment()) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                env.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        this.environment = Map.copyOf(env);
        List<Path> hidden = new ArrayList<>();
        List<Path> shown = new ArrayList<>();
        realPath(Path.of(config.dataDir())).ifPresent(hidden::add);
        realPath(Path.of(c.filesRoot())).ifPresent(shown::add);
        this.runner = new CommandRunner(c.setsid(), c.prlimit(), c.bwrap(), Path.of(c.workRoot()).toAbsolutePath(),
                hidden, shown);
    }

    private static java.util.Optional<Path> realPath(Path p) {
        try {
            return java.util.Optional.of(p.toRealPath());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    public CommandRunner runner() {
        return runner;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Path filesRoot() {
        return Path.of(config.commands().filesRoot());
    }

    /** The limits of a spec, each unset one from {@code toolgate.commands.*}. */
    public CommandLimits limits(Long cpuSeconds, Long memoryMb, Integer openFiles, Long fileSizeMb,
            Integer outputBytes) {
        ToolgateConfig.Commands c = config.commands();
        return new CommandLimits(cpuSeconds != null ? cpuSeconds : Math.max(1, (c.cpu().toMillis() + 999) / 1000),
                (memoryMb != null ? memoryMb : c.memoryMb()) * MIB, openFiles != null ? openFiles : c.openFiles(),
                (fileSizeMb != null ? fileSizeMb : c.fileSizeMb()) * MIB,
                outputBytes != null ? outputBytes : c.outputBytes());
    }

    /**
     * The executable to run, after the allowlist rules.
     *
     * @throws IllegalArgumentException naming the rule that refuses it
     */
    public String checkedExecutable(String tool, String executable) {
        Path given = Path.of(executable);
        if (!given.isAbsolute()) {
            throw new IllegalArgumentException("tool '" + tool + "': command.executable must be an absolute path, got '"
                    + executable + "'");
        }
        if (!allowed.contains(given.normalize().toString()) || !given.normalize().toString().equals(executable)) {
            throw new IllegalArgumentException("tool '" + tool + "': executable " + executable + " is not on"
                    + " toolgate.commands.allowed-executables " + new java.util.TreeSet<>(allowed));
        }
        Path real;
        try {
            real = given.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("tool '" + tool + "': executable " + executable + " does not exist");
        }
        // A listed path that is a symbolic link must lead to a listed program too: links can be changed.
        if (!allowed.contains(real.toString())) {
            throw new IllegalArgumentException("tool '" + tool + "': executable " + executable + " is a link to "
                    + real + ", which is not on toolgate.commands.allowed-executables");
        }
        if (!Files.isRegularFile(real) || !Files.isExecutable(real)) {
            throw new IllegalArgumentException("tool '" + tool + "': executable " + executable
                    + " is not an executable file");
        }
        return real.toString();
    }

    /** The executable and every fixed argument that names an existing file: what the program needs to start. */
    private static List<Path> ownFiles(String executable, ArgvTemplate argv) {
        List<Path> files = new ArrayList<>();
        files.add(Path.of(executable));
        for (String literal : argv.literals()) {
            if (literal.startsWith("/")) {
                realPath(Path.of(literal)).ifPresent(files::add);
            }
        }
        return files;
    }

    /** @throws IllegalArgumentException when bwrap is missing or cannot create a sandbox on this machine */
    public void requireSandbox(String tool, Sandbox sandbox) {
        if (sandbox == Sandbox.BWRAP && !bwrapUsable()) {
            throw new IllegalArgumentException("tool '" + tool + "': sandbox: bwrap, but " + config.commands().bwrap()
                    + " is missing or cannot create a sandbox here (install the bubblewrap package); the tool is"
                    + " not served rather than run without its sandbox");
        }
    }

    /** Whether bubblewrap exists and can build the sandbox command tools use (checked once). */
    public boolean bwrapUsable() {
        Boolean usable = bwrapUsable;
        if (usable == null) {
            usable = probeBwrap();
            bwrapUsable = usable;
        }
        return usable;
    }

    private boolean probeBwrap() {
        String bwrap = config.commands().bwrap();
        if (!Files.isExecutable(Path.of(bwrap))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                    "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--", "/bin/true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            if (p.exitValue() != 0) {
                LOG.warnf("%s is installed but cannot create a sandbox here (exit %d)", bwrap, p.exitValue());
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The executable after the allowlist rules, refusing launchers of other programs and an interpreter whose first
     * fixed argument is not its script.
     *
     * @param leadingLiterals the fixed arguments before the first placeholder
     */
    private String checkedProgram(String name, String executable, List<String> leadingLiterals, String argsKey) {
        String checked = checkedExecutable(name, executable);
        String program = Path.of(checked).getFileName().toString().replaceAll("[0-9.]+$", "");
        String named = Path.of(executable).getFileName().toString().replaceAll("[0-9.]+$", "");
        if (LAUNCHERS.contains(program) || LAUNCHERS.contains(named)) {
            throw new IllegalArgumentException("tool '" + name + "': " + executable + " runs other"
                    + " programs named in its arguments; expose the program itself instead");
        }
        if (INTERPRETERS.contains(program) || INTERPRETERS.contains(named)) {
            if (leadingLiterals.isEmpty() || leadingLiterals.get(0).startsWith("-")) {
                throw new IllegalArgumentException("tool '" + name + "': " + executable + " runs code"
                        + " it is given, so " + argsKey + " must start with a fixed script file, not an option or an"
                        + " argument");
            }
        }
        return checked;
    }

    /**
     * A program that keeps running (an upstream MCP server over stdio), checked by the rules of a command tool's:
     * the executable allowlist, no launchers, an interpreter's script fixed, the sandbox available. Started later
     * with {@link CommandRunner#startLongRunning}; its environment is {@code toolgate.commands.environment} plus the
     * given variables, nothing of Toolgate's own.
     *
     * @param source the upstream's name, for messages
     * @throws IllegalArgumentException naming the rule the definition breaks
     */
    public CommandRunner.Run longRunning(String source, String executable, List<String> args,
            Map<String, String> env, Sandbox sandbox, long memoryMb, int openFiles) {
        String checked = checkedProgram(source, executable, args, "mcp.stdio.args");
        requireSandbox(source, sandbox);
        List<Path> own = new ArrayList<>();
        own.add(Path.of(checked));
        for (String arg : args) {
            if (arg.startsWith("/")) {
                realPath(Path.of(arg)).ifPresent(own::add);
            }
        }
        List<Path> shownFiles = sandbox == Sandbox.BWRAP ? runner.filesToShow(source, own) : List.of();
        Map<String, String> environment = new LinkedHashMap<>(this.environment);
        environment.putAll(env);
        // No CPU-time limit: the program runs for as long as Toolgate does; each call has its own timeout.
        CommandLimits limits = limits(Long.MAX_VALUE / 2, memoryMb, openFiles, null, null);
        return new CommandRunner.Run(checked, List.copyOf(args), null, Map.copyOf(environment), sandbox, limits,
                false, null, Duration.ZERO, shownFiles);
    }

    /** @throws IllegalArgumentException naming the tool and the rule the definition breaks */
    public ToolDefinition define(CommandSpec spec) {
        String executable = checkedProgram(spec.name(), spec.executable(), spec.argv().leadingLiterals(),
                "command.args");
        requireSandbox(spec.name(), spec.sandbox());
        List<Path> shownFiles = spec.sandbox() == Sandbox.BWRAP
                ? runner.filesToShow(spec.name(), ownFiles(executable, spec.argv()))
                : List.of();
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putAll(spec.env());
        CommandLimits limits = limits(spec.cpuSeconds(), spec.memoryMb(), spec.openFiles(), spec.fileSizeMb(),
                spec.outputBytes());
        Duration timeout = config.tools().containsKey(spec.name())
                ? config.tools().get(spec.name()).timeout().orElse(null) : null;
        if (timeout == null) {
            timeout = spec.timeout() != null ? spec.timeout() : config.defaults().timeout();
        }
        CommandToolExecutor executor = new CommandToolExecutor(spec, executable, runner, Map.copyOf(env), limits,
                filesRoot(), config.commands().maxArgBytes(), config.commands().maxArgvBytes(),
                timeout.plus(BACKSTOP_GRACE), shownFiles);
        ToolPolicy policy = new ToolPolicy(spec.timeout(), spec.maxConcurrency() > 0 ? spec.maxConcurrency()
                : config.commands().maxConcurrency(),
                null, null,
                spec.roles() == null ? Set.of() : Set.copyOf(spec.roles()), spec.rateLimit(), null);
        // A program without the bwrap sandbox can reach the network: open world unless sandboxed.
        ToolHints hints = new ToolHints(spec.readOnly(), spec.destructive(), spec.idempotent(),
                spec.sandbox() != Sandbox.BWRAP);
        return new ToolDefinition(spec.name(), spec.title(), spec.description(), spec.parameters(), null, hints,
                policy, executor, spec.origin(), spec.tags());
    }
}

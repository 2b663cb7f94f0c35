package io.toolgate.command;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * Runs one program without a shell: {@code ProcessBuilder} with an argument list, an empty environment plus the
 * allowlisted variables, a fresh working folder, standard input from /dev/null or one declared argument, and this
 * chain in front of the program:
 *
 * <pre>setsid --wait [bwrap ... --] prlimit --cpu --as --nofile --fsize --core -- program args...</pre>
 *
 * {@code setsid} makes the program the leader of a process group of its own; at the end of every call (normal exit,
 * timeout, cancellation) the whole group is killed with one {@code kill -KILL -<pgid>}, repeated while /proc still
 * shows members. That reaches children and grandchildren that {@link ProcessHandle#descendants()} misses once they
 * are re-parented to init by a double fork. A program that leaves the group on purpose (its own {@code setsid}) is
 * only caught under bwrap, whose PID namespace dies with it.
 */
public final class CommandRunner {

    private static final Logger LOG = Logger.getLogger(CommandRunner.class);
    private static final long MIB = 1024L * 1024;
    // How long the output readers may take to see end-of-file once the process group is gone (generous: a loaded
    // machine may not schedule them for a while, and cutting them short would lose output).
    private static final long DRAIN_GRACE_MS = 10_000;
    private static final long MAX_COPY_BYTES = 64 * MIB;

    /** One run: what to start and how. */
    /**
     * @param shownFiles files of the tool itself (its executable, its fixed script) that lie in a folder the sandbox
     *        replaces, shown again read-only at the same path
     */
    public record Run(String executable, List<String> args, byte[] stdin, Map<String, String> environment,
            Sandbox sandbox, CommandLimits limits, boolean keepOutputs, Path copyFrom, Duration backstop,
            List<Path> shownFiles) {
    }

    /** The folder the sandbox replaces with an empty one, whatever the configuration. */
    static final Path SANDBOX_TMP = Path.of("/tmp");

    private final String setsid;
    private final String prlimit;
    private final String bwrap;
    private final Path workRoot;
    private final List<Path> hiddenUnderSandbox;
    private final List<Path> readOnlyUnderSandbox;

    /**
     * @param hiddenUnderSandbox folders replaced by an empty tmpfs inside bwrap (Toolgate's data: database, other
     *        calls' folders)
     * @param readOnlyUnderSandbox folders shown read-only again inside a hidden one (the files root)
     */
    public CommandRunner(String setsid, String prlimit, String bwrap, Path workRoot, List<Path> hiddenUnderSandbox,
            List<Path> readOnlyUnderSandbox) {
        this.setsid = setsid;
        this.prlimit = prlimit;
        this.bwrap = bwrap;
        this.workRoot = workRoot;
        this.hiddenUnderSandbox = hiddenUnderSandbox;
        this.readOnlyUnderSandbox = readOnlyUnderSandbox;
    }

    public Path workRoot() {
        return workRoot;
    }

    /**
     * Which of a sandboxed tool's own files must be shown again inside the sandbox: those under {@code /tmp}, which
     * the sandbox empties for every call (a checkout or a tool folder may well lie there). A file inside a folder
     * hidden on purpose (Toolgate's data: its database, other calls' folders) is refused instead: showing it would
     * undo the hiding for every call of the tool.
     *
     * @param files real paths
     * @throws IllegalArgumentException naming the file and the folder that hides it
     */
    List<Path> filesToShow(String tool, List<Path> files) {
        List<Path> out = new ArrayList<>();
        Path tmp = realOrSelf(SANDBOX_TMP);
        for (Path file : files) {
            if (readOnlyUnderSandbox.stream().anyMatch(file::startsWith)) {
                continue; // already shown (the files root)
            }
            for (Path hidden : hiddenUnderSandbox) {
                if (file.startsWith(hidden)) {
                    throw new IllegalArgumentException("tool '" + tool + "': " + file + " lies in " + hidden
                            + ", Toolgate's data folder, which the bwrap sandbox hides from programs; keep the tool's"
                            + " files elsewhere");
                }
            }
            if (file.startsWith(tmp)) {
                out.add(file);
            }
        }
        return List.copyOf(out);
    }

    private static Path realOrSelf(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    /**
     * @throws InterruptedException when the pipeline's timeout or a cancellation interrupts the call; the process
     *         group is killed first
     * @throws TimeoutException when the backstop passes without an interrupt (the group is killed too)
     */
    public CommandResult run(Run run) throws IOException, InterruptedException, TimeoutException {
        Files.createDirectories(workRoot);
        Path realWorkRoot = workRoot.toRealPath();
        Path workDir = Files.createTempDirectory(realWorkRoot, "call-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        boolean keep = false;
        try {
            if (run.copyFrom() != null) {
                copyTree(run.copyFrom(), workDir);
            }
            ProcessBuilder pb = new ProcessBuilder(commandLine(run, workDir));
            // Nothing of Toolgate's environment (secrets, configuration) reaches the program.
            pb.environment().clear();
            pb.environment().putAll(run.environment());
            pb.directory(workDir.toFile());
            if (run.stdin() == null) {
                pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            }
            long started = System.nanoTime();
            Process process = pb.start();
            long pgid = process.pid();
            OutputCapture out = new OutputCapture(process.getInputStream(), run.limits().outputBytes(),
                    "toolgate-cmd-out-" + pgid);
            OutputCapture err = new OutputCapture(process.getErrorStream(), run.limits().outputBytes(),
                    "toolgate-cmd-err-" + pgid);
            Thread feeder = run.stdin() == null ? null : feed(process, run.stdin());
            try {
                if (!process.waitFor(run.backstop().toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new TimeoutException("the program ran past its time limit");
                }
            } finally {
                // Always: a program may have left children behind even when it exited on its own.
                killGroup(pgid, process);
                if (feeder != null) {
                    feeder.interrupt();
                }
            }
            long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            // With the group dead the pipes are at end-of-file; only a process that left the group can hold them.
            out.await(DRAIN_GRACE_MS);
            err.await(DRAIN_GRACE_MS);
            if (out.running() || err.running()) {
                LOG.warnf("%s: a process outside the killed group still holds the output pipes", run.executable());
                process.getInputStream().close();
                process.getErrorStream().close();
            }
            keep = run.keepOutputs();
            String kept = keep ? realWorkRoot.relativize(workDir).toString() : null;
            List<String> files = keep ? listFiles(workDir) : null;
            return new CommandResult(process.exitValue(), out.text(), err.text(), out.truncated(), err.truncated(),
                    durationMs, kept, files);
        } finally {
            if (!keep) {
                deleteTree(workDir);
            }
        }
    }

    /** A program {@link #startLongRunning} started: stop it, with everything it started, by {@link #stop}. */
    public record LongRunning(Process process, Path workDir) {

        /** Kills the program's whole process group and removes its working folder. */
        public void stop() {
            killGroup(process.pid(), process);
            deleteTree(workDir);
        }
    }

    /**
     * Starts a program that keeps running (an upstream MCP server spoken to over its stdin and stdout) under the
     * protections of a call: its own process group, only the given environment, the limits and, if asked, the
     * sandbox; its working folder is a fresh one under the work root.
     */
    public LongRunning startLongRunning(Run run) throws IOException {
        Files.createDirectories(workRoot);
        Path workDir = Files.createTempDirectory(workRoot.toRealPath(), "upstream-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        ProcessBuilder pb = new ProcessBuilder(commandLine(run, workDir));
        // As for a call: nothing of Toolgate's environment (secrets, configuration) reaches the program.
        pb.environment().clear();
        pb.environment().putAll(run.environment());
        pb.directory(workDir.toFile());
        try {
            return new LongRunning(pb.start(), workDir);
        } catch (IOException e) {
            deleteTree(workDir);
            throw e;
        }
    }

    private List<String> commandLine(Run run, Path workDir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(setsid);
        // setsid forks when it already leads a process group; --wait then keeps its exit status the program's and
        // its pipes open until the program is done, instead of reporting 0 while the program has barely started.
        cmd.add("--wait");
        if (run.sandbox() == Sandbox.BWRAP) {
            cmd.addAll(List.of(bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs",
                    SANDBOX_TMP.toString()));
            for (Path hidden : hiddenUnderSandbox) {
                cmd.addAll(List.of("--tmpfs", hidden.toString()));
            }
            for (Path shown : readOnlyUnderSandbox) {
                cmd.addAll(List.of("--ro-bind", shown.toString(), shown.toString()));
            }
            for (Path shown : run.shownFiles()) {
                cmd.addAll(List.of("--ro-bind", shown.toString(), shown.toString()));
            }
            cmd.addAll(List.of("--bind", workDir.toString(), workDir.toString(), "--chdir", workDir.toString(),
                    "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--"));
        }
        CommandLimits l = run.limits();
        // Soft CPU limit sends SIGXCPU, the hard one a second later SIGKILL for programs that catch it.
        cmd.addAll(List.of(prlimit, "--cpu=" + l.cpuSeconds() + ":" + (l.cpuSeconds() + 1),
                "--as=" + l.memoryBytes(), "--nofile=" + l.openFiles(), "--fsize=" + l.fileSizeBytes(), "--core=0",
                "--"));
        cmd.add(run.executable());
        cmd.addAll(run.args());
        return cmd;
    }

    private static Thread feed(Process process, byte[] stdin) {
        Thread t = new Thread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException ignored) {
                // The program closed its input early or was killed; what it did not read is not needed.
            }
        }, "toolgate-cmd-in-" + process.pid());
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Kills every process of the group: one {@code kill -KILL -<pgid>} always (the kernel signals the whole group at
     * once, and a process being killed cannot fork any more, so nothing alive at that instant survives), then again
     * while /proc still shows members, then the direct child for good measure. A /proc scan alone is not enough: a
     * process that forks and exits while the folder is being read can hide its child from the scan.
     */
    static void killGroup(long pgid, Process process) {
        // An interrupt (the timeout, a cancellation) must not cut the killing short; it is restored at the end.
        boolean interrupted = Thread.interrupted();
        for (int round = 0; round < 50 && (round == 0 || hasMembers(pgid)); round++) {
            try {
                Process kill = new ProcessBuilder("/bin/kill", "-KILL", "--", "-" + pgid)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                kill.waitFor(2, TimeUnit.SECONDS);
                if (round > 0) {
                    Thread.sleep(10);
                }
            } catch (IOException e) {
                LOG.warnf("Could not kill process group %d: %s", pgid, e.getMessage());
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        // Through the handle: Process.destroyForcibly() also closes the output streams, which would lose output the
        // readers have not taken yet.
        process.toHandle().destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when a live (not zombie) process of /proc belongs to the process group. */
    static boolean hasMembers(long pgid) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .anyMatch(p -> {
                        try {
                            String stat = Files.readString(p.resolve("stat"));
                            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            // f[0] state, f[1] ppid, f[2] pgrp
                            return !f[0].equals("Z") && Long.parseLong(f[2]) == pgid;
                        } catch (IOException | RuntimeException gone) {
                            return false;
                        }
                    });
        } catch (IOException e) {
            return false;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Path source = from.toRealPath();
        long[] copied = {0};
        Files.walkFileTree(source, java.util.Set.of(), 5, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                // Regular files only (attributes read without following links): a link cannot smuggle in a file
                // from outside the root.
                if (attrs.isRegularFile() && copied[0] + attrs.size() <= MAX_COPY_BYTES) {
                    Files.copy(file, to.resolve(source.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS,
                            StandardCopyOption.COPY_ATTRIBUTES);
                    copied[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static List<String> listFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir, 8)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> dir.relativize(p).toString()).sorted().limit(200).toList();
        }
    }

    static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warnf("Could not remove the working folder %s: %s", dir, e.getMessage());
        }
    }
}

package io.toolgate.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The runner alone, many times over: every run's output arrives whole. */
class CommandRunnerTest {

    @Test
    void everyRunReturnsItsWholeOutput() throws Exception {
        CommandRunner runner = new CommandRunner("/usr/bin/setsid", "/usr/bin/prlimit", "/usr/bin/bwrap",
                Path.of("target/runner-test-work").toAbsolutePath(), List.of(), List.of());
        CommandLimits limits = new CommandLimits(5, 256L << 20, 64, 16L << 20, 4096);
        int empty = 0;
        for (int i = 0; i < 100; i++) {
            CommandResult r = runner.run(new CommandRunner.Run("/usr/bin/printf", List.of("%s\\0", "run " + i), null,
                    Map.of("PATH", "/usr/bin:/bin"), Sandbox.NONE, limits, false, null, Duration.ofSeconds(20)));
            if (!r.stdout().equals("run " + i + "\0")) {
                empty++;
                System.err.println("run " + i + ": exit " + r.exitCode() + " stdout [" + r.stdout() + "]");
            }
        }
        assertThat(empty).isZero();
    }
}

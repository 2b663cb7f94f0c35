package io.toolgate.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.toolgate.config.ToolgateConfig;

/** {@code sandbox: bwrap} on a machine without a working bubblewrap is refused, never run unsandboxed. */
class SandboxRefusalTest {

    private static CommandTools withBwrap(String bwrap) {
        ToolgateConfig.Commands commands = (ToolgateConfig.Commands) Proxy.newProxyInstance(
                SandboxRefusalTest.class.getClassLoader(), new Class<?>[] {ToolgateConfig.Commands.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "allowedExecutables" -> List.of("/usr/bin/wc");
                    case "environment" -> List.of("PATH=/usr/bin:/bin");
                    case "workRoot" -> "target/sandbox-refusal-work";
                    case "filesRoot" -> "target/test-files";
                    case "bwrap" -> bwrap;
                    case "setsid" -> "/usr/bin/setsid";
                    case "prlimit" -> "/usr/bin/prlimit";
                    case "cpu" -> Duration.ofSeconds(1);
                    case "memoryMb", "fileSizeMb" -> 64L;
                    case "openFiles", "maxConcurrency" -> 4;
                    case "outputBytes", "maxArgBytes", "maxArgvBytes" -> 1024;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        ToolgateConfig config = (ToolgateConfig) Proxy.newProxyInstance(SandboxRefusalTest.class.getClassLoader(),
                new Class<?>[] {ToolgateConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "commands" -> commands;
                    case "dataDir" -> "target/sandbox-refusal-data";
                    case "tools" -> Map.of();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new CommandTools(config);
    }

    @Test
    void aMissingBwrapRefusesTheToolAndNamesTheRule() {
        CommandTools tools = withBwrap("/nonexistent/bwrap");
        assertThat(tools.bwrapUsable()).isFalse();
        assertThatThrownBy(() -> tools.requireSandbox("report_tool", Sandbox.BWRAP))
                .hasMessageContaining("tool 'report_tool'").hasMessageContaining("sandbox: bwrap")
                .hasMessageContaining("not served rather than run without its sandbox");
        tools.requireSandbox("report_tool", Sandbox.NONE);
    }

    @Test
    void aBwrapThatCannotBuildTheSandboxIsRefusedToo() {
        // /usr/bin/false is executable but fails every probe, like a bwrap without user namespaces.
        CommandTools tools = withBwrap("/usr/bin/false");
        assertThat(tools.bwrapUsable()).isFalse();
        assertThatThrownBy(() -> tools.requireSandbox("report_tool", Sandbox.BWRAP))
                .hasMessageContaining("cannot create a sandbox here");
    }
}

package io.toolgate.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.toolgate.tool.Tool;
import jakarta.enterprise.context.ApplicationScoped;

/** With toolgate.lint.strict=true a lint finding fails the build, in the lint's own words. */
class StrictLintTest {

    @ApplicationScoped
    public static class VagueTools {
        @Tool(name = "do", description = "Does it.")
        public String doIt(String what) {
            return what;
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = TestDatabase.configure(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(VagueTools.class, TestDatabase.class)), "strict")
            .overrideConfigKey("toolgate.lint.strict", "true")
            .assertException(failure -> assertThat(BuildFailures.causeOf(failure, IllegalStateException.class))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("toolgate.lint.strict=true")
                    .hasMessageContaining("tool 'do'"));

    @Test
    void theBuildFails() {
        // assertException above holds the checks: the application never starts.
    }
}

package io.toolgate.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/** Workflows asked for in an application without a datasource: the build says why it cannot be. */
class WorkflowsNeedADataSourceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(GreetingTools.class))
            .overrideConfigKey("quarkus.toolgate.workflows.enabled", "true")
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .assertException(failure -> assertThat(BuildFailures.causeOf(failure, ConfigurationException.class))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("quarkus.toolgate.workflows.enabled=true")
                    .hasMessageContaining("no JDBC datasource"));

    @Test
    void theBuildFails() {
        // assertException above holds the checks: the application never starts.
    }
}

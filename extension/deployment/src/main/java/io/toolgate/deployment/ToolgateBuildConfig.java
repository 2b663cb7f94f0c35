package io.toolgate.deployment;

import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What is built into an application, fixed when it is built: a part left out has no beans, no endpoints and no
 * start-up cost. Everything else Toolgate reads at run time ({@code toolgate.*}).
 */
@ConfigMapping(prefix = "quarkus.toolgate")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface ToolgateBuildConfig {

    /**
     * The agent endpoint ({@code POST /v1/chat/completions}); its model client stays while workflows are in (their
     * {@code arguments: llm} steps use it).
     */
    Part agent();

    /**
     * Declarative tools: HTTP tools, OpenAPI imports and allowlisted commands from definition files, and
     * {@code GET /tool-sources}.
     */
    Part declarative();

    /**
     * Durable workflows with approvals ({@code /workflows}, {@code run_workflow}).
     */
    Workflows workflows();

    /**
     * A part that is built in unless switched off.
     */
    interface Part {
        /**
         * Whether the part is built in.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /**
     * Workflows keep their runs in the application's datasource.
     */
    interface Workflows {
        /**
         * Whether workflows are built in. Unset: they are when the application has a JDBC datasource and are left
         * out otherwise; {@code true} without a datasource fails the build.
         */
        Optional<Boolean> enabled();
    }
}

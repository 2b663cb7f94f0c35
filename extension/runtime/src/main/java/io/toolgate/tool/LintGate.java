package io.toolgate.tool;

import java.util.List;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.config.ToolgateConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Registers the annotated tools at start-up, so lint findings show in the start-up log, and with
 * {@code toolgate.lint.strict=true} refuses to start while any remain.
 */
@ApplicationScoped
public class LintGate {

    private static final Logger LOG = Logger.getLogger(LintGate.class);

    @Inject
    ToolRegistry registry;
    @Inject
    ToolgateConfig config;

    void onStart(@Observes StartupEvent start) {
        LOG.infof("Toolgate serves %d tools", registry.all().size());
        enforce(registry.lintProblems(), config.lint().strict());
    }

    static void enforce(List<String> problems, boolean strict) {
        if (strict && !problems.isEmpty()) {
            throw new IllegalStateException("toolgate.lint.strict=true and " + problems.size()
                    + " schema lint problem(s) remain; fix them or set toolgate.lint.strict=false:\n  "
                    + String.join("\n  ", problems));
        }
    }
}

package io.toolgate.tool;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Compiles every tool's argument validator and builds its fault-tolerance guard in the background after start-up
 * ({@link AfterStartUp}), so neither the first answer (it waited for them when they were made at registration) nor
 * the first call (it would make its tool's, and the validator's factory, on the caller's time) pays for them; that is
 * about 150 ms of CPU for two tools. A call that arrives before its tool is warm makes them itself; the result is the
 * same.
 */
@ApplicationScoped
public class ToolWarmUp {

    private static final Logger LOG = Logger.getLogger(ToolWarmUp.class);

    @Inject
    ToolRegistry registry;
    @Inject
    AfterStartUp afterStartUp;

    // Last among the start-up observers: the tools that other observers register (tool folders) are warmed too.
    void onStart(@Observes @Priority(Integer.MAX_VALUE) StartupEvent start) {
        afterStartUp.submit("Warming the tools", this::warmAll);
    }

    private void warmAll() {
        long started = System.nanoTime();
        int warmed = 0;
        for (RegisteredTool tool : registry.all()) {
            try {
                tool.argumentSchema().warm();
                tool.guard();
                tool.definition().executor().warm();
                warmed++;
            } catch (RuntimeException e) {
                // The tool's first call compiles it again and answers with the failure; start-up is not the place.
                LOG.warnf("The argument validator, guard or constraints of %s could not be made: %s", tool.name(),
                        e.getMessage());
            }
        }
        LOG.debugf("%d tools warmed (validators compiled, guards built, constraints read) in %d ms", warmed,
                (System.nanoTime() - started) / 1_000_000);
    }
}

package io.toolgate.discovery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.tool.AfterStartUp;
import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolFormats;
import io.toolgate.tool.ToolLinter;
import io.toolgate.tool.ToolRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Warns about tools whose definition costs a model more than {@code toolgate.lint.max-definition-tokens} on every
 * request that offers it. A warning, never a refusal (a long definition is a cost, not a fault), and checked in the
 * background after start-up ({@link AfterStartUp}) and after each registry change: the tokenizer's vocabulary takes
 * 0.25 s of CPU to load, which the first answer does not wait for.
 */
@ApplicationScoped
public class TokenBudget {

    private static final Logger LOG = Logger.getLogger(TokenBudget.class);

    @Inject
    ToolRegistry registry;
    @Inject
    ToolgateConfig config;
    @Inject
    AfterStartUp afterStartUp;

    /** The finding per tool, as the lint words it; a tool warned about once is not warned about again. */
    private final Map<String, String> warned = new ConcurrentHashMap<>();
    private final AtomicBoolean queued = new AtomicBoolean();

    void onStart(@Observes StartupEvent start) {
        if (config.lint().maxDefinitionTokens() > 0) {
            registry.onChange(this::checkLater);
            checkLater();
        }
    }

    /** The current findings, one sentence each. */
    public List<String> findings() {
        return warned.values().stream().sorted().toList();
    }

    private void checkLater() {
        if (queued.compareAndSet(false, true)) {
            afterStartUp.submit("Counting the tokens of every definition", () -> {
                queued.set(false);
                check();
            });
        }
    }

    private void check() {
        int budget = config.lint().maxDefinitionTokens();
        for (RegisteredTool tool : registry.all()) {
            int tokens = TokenCost.of(tool.definition(), ToolFormats.Format.OPENAI);
            if (tokens > budget && !warned.containsKey(tool.name())) {
                String finding = ToolLinter.finding(tool.definition(), "its definition costs " + tokens
                        + " tokens (OpenAI format), more than toolgate.lint.max-definition-tokens (" + budget
                        + "), on every request that offers it: shorten the description or split the tool");
                warned.put(tool.name(), finding);
                LOG.warn(finding);
            }
        }
        warned.keySet().removeIf(name -> registry.find(name).isEmpty());
    }
}

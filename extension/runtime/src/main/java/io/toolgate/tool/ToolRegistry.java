package io.toolgate.tool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jboss.logging.Logger;

import io.toolgate.config.ToolgateConfig;
import io.toolgate.security.Caller;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/**
 * Every tool Toolgate serves, by name. Registration resolves the policy (annotation values, then
 * {@code toolgate.tools."<name>".*}), compiles the schema and builds the guard, so nothing of that is redone per call.
 * Readers get immutable snapshots; changes notify listeners (the MCP door sends {@code list_changed}).
 */
@Singleton
public class ToolRegistry {

    private static final Logger LOG = Logger.getLogger(ToolRegistry.class);

    private final ToolgateConfig config;
    private final AnnotatedToolDiscovery discovery;

    private final ToolLinter linter = new ToolLinter();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    // By tool, so that a tool replaced or removed takes its findings along (upstream tools are replaced often).
    private final Map<String, List<String>> lintProblems = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Map<String, RegisteredTool> byName = Map.of();
    private final Map<String, String> withheld = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile List<RegisteredTool> sorted = List.of();

    @Inject
    public ToolRegistry(ToolgateConfig config, AnnotatedToolDiscovery discovery) {
        this.config = config;
        this.discovery = discovery;
    }

    /** A registry without CDI discovery, for embedding the pipeline (benchmarks); tools are registered by hand. */
    public ToolRegistry(ToolgateConfig config) {
        this(config, null);
    }

    @PostConstruct
    void registerAnnotatedTools() {
        if (discovery != null) {
            for (ToolDefinition tool : discovery.discover()) {
                register(tool, true);
            }
        }
    }

    public Optional<RegisteredTool> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** All tools, sorted by name; an immutable snapshot. */
    public List<RegisteredTool> all() {
        return sorted;
    }

    /**
     * @throws IllegalArgumentException when the name is taken or the input schema is not valid JSON Schema
     */
    public RegisteredTool register(ToolDefinition definition) {
        return register(definition, false);
    }

    /** @param generated whether Toolgate's schema generator wrote the input schema (see ArgumentSchema#generated) */
    private synchronized RegisteredTool register(ToolDefinition definition, boolean generated) {
        if (!exposed(definition.name())) {
            LOG.infof("Tool %s (%s) is not served: disabled by toolgate.exposure or toolgate.tools.\"%s\".enabled",
                    definition.name(), definition.origin(), definition.name());
            return null;
        }
        Map<String, RegisteredTool> next = new LinkedHashMap<>(byName);
        RegisteredTool tool = admit(definition, generated, next);
        publish(next);
        return tool;
    }

    /** Checks, lints and compiles a definition into {@code next}; the caller publishes. */
    private RegisteredTool admit(ToolDefinition definition, boolean generated, Map<String, RegisteredTool> next) {
        if (next.containsKey(definition.name())) {
            throw new IllegalArgumentException("tool name '" + definition.name() + "' is already registered by "
                    + next.get(definition.name()).definition().origin() + "; tool names must be unique");
        }
        ToolDefinition resolved = withConfiguredPolicy(definition);
        List<String> findings = new ArrayList<>();
        for (String problem : linter.lint(resolved)) {
            String line = ToolLinter.finding(resolved, problem);
            findings.add(line);
            LOG.warn("Schema lint: " + line);
        }
        RegisteredTool tool = compiled(resolved, generated);
        next.put(tool.name(), tool);
        if (findings.isEmpty()) {
            lintProblems.remove(tool.name());
        } else {
            lintProblems.put(tool.name(), List.copyOf(findings));
        }
        return tool;
    }

    /**
     * Replaces one source's tools in a single step, so a call never finds the name missing in between (an upstream
     * MCP server's tools after its {@code list_changed}). A definition that cannot be registered (its name taken by
     * another source, an invalid schema) is left out with the reason in {@code problems}; one switched off by
     * configuration is left out silently.
     *
     * @return the names registered
     */
    public synchronized List<String> replace(java.util.Collection<String> old, List<ToolDefinition> definitions,
            List<String> problems) {
        Map<String, RegisteredTool> next = new LinkedHashMap<>(byName);
        old.forEach(name -> {
            next.remove(name);
            lintProblems.remove(name);
        });
        List<String> registered = new ArrayList<>();
        for (ToolDefinition d : definitions) {
            if (!exposed(d.name())) {
                continue;
            }
            try {
                registered.add(admit(d, false, next).name());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        publish(next);
        return registered;
    }

    /**
     * A definition made runnable by the pipeline (policy resolved from configuration, schema compiled, guard built)
     * without being registered as a tool: MCP resources, prompts and completions travel the pipeline as such
     * targets, so they are never listed or called as tools. Their input schemas are Toolgate's own.
     */
    public RegisteredTool compile(ToolDefinition definition) {
        return compiled(withConfiguredPolicy(definition), true);
    }

    private static RegisteredTool compiled(ToolDefinition resolved, boolean generated) {
        BreakerClock breaker = new BreakerClock(resolved.policy().breaker().delay());
        return new RegisteredTool(resolved, generated ? ArgumentSchema.generated(resolved.inputSchema())
                : ArgumentSchema.compile(resolved.inputSchema()),
                new RegisteredTool.LazyGuard(() -> ToolGuards.create(resolved.name(), resolved.policy(), breaker,
                        resolved.executor() != null && resolved.executor().inline())), breaker);
    }

    /**
     * Marks a name as held back on purpose (an upstream tool in quarantine): it is neither listed nor callable, and a
     * call names the reason instead of answering "unknown tool". Null releases it.
     */
    public void withhold(String name, String reason) {
        if (reason == null) {
            withheld.remove(name);
        } else {
            withheld.put(name, reason);
        }
    }

    /** Why a tool that is not registered is held back, or null. */
    public String withheldReason(String name) {
        return name == null ? null : withheld.get(name);
    }

    public synchronized boolean unregister(String name) {
        if (!byName.containsKey(name)) {
            return false;
        }
        Map<String, RegisteredTool> next = new LinkedHashMap<>(byName);
        next.remove(name);
        lintProblems.remove(name);
        publish(next);
        return true;
    }

    /** The tools this caller may see and call, sorted by name: what every door lists to it. */
    public List<RegisteredTool> visibleTo(Caller caller) {
        List<RegisteredTool> all = sorted;
        List<RegisteredTool> visible = new ArrayList<>(all.size());
        for (RegisteredTool tool : all) {
            if (caller.mayUse(tool.definition().policy().roles()) && caller.sees(tool.name())) {
                visible.add(tool);
            }
        }
        return visible;
    }

    private boolean exposed(String name) {
        ToolgateConfig.ToolOverride o = config.tools().get(name);
        if (o != null && o.enabled().isPresent() && !o.enabled().get()) {
            return false;
        }
        List<String> allow = config.exposure().allow().orElse(List.of());
        List<String> deny = config.exposure().deny().orElse(List.of());
        return (allow.isEmpty() || allow.stream().anyMatch(g -> matches(g, name)))
                && deny.stream().noneMatch(g -> matches(g, name));
    }

    private static boolean matches(String glob, String name) {
        String regex = ("\\Q" + glob.strip() + "\\E").replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        return name.matches(regex);
    }

    /** Called after every change of the tool set. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** One tool's lint findings, one sentence each (empty when it has none or is unknown). */
    public List<String> lintProblems(String tool) {
        return lintProblems.getOrDefault(tool, List.of());
    }

    /** Lint findings of every registration so far, one sentence each. */
    public List<String> lintProblems() {
        return lintProblems.values().stream().flatMap(List::stream).sorted().toList();
    }

    private void publish(Map<String, RegisteredTool> next) {
        List<RegisteredTool> list = new ArrayList<>(next.values());
        list.sort(Comparator.comparing(RegisteredTool::name));
        byName = Map.copyOf(next);
        sorted = List.copyOf(list);
        listeners.forEach(Runnable::run);
    }

    private ToolDefinition withConfiguredPolicy(ToolDefinition d) {
        ToolgateConfig.Defaults defaults = config.defaults();
        ToolgateConfig.ToolOverride o = config.tools().get(d.name());
        ToolPolicy p = d.policy();
        Duration timeout = p.timeout() != null ? p.timeout() : defaults.timeout();
        int maxConcurrency = p.maxConcurrency() > 0 ? p.maxConcurrency() : defaults.maxConcurrency();
        int retries = p.retry() != null ? p.retry().maxRetries() : d.hints().idempotent() ? defaults.retries() : 0;
        Duration retryDelay = p.retry() != null && p.retry().delay() != null ? p.retry().delay()
                : defaults.retryDelay();
        ToolgateConfig.CircuitBreaker cb = defaults.circuitBreaker();
        boolean breakerOn = p.breaker() != null ? p.breaker().enabled() : cb.enabled();
        int volume = cb.requestVolume();
        double ratio = cb.failureRatio();
        Duration breakerDelay = cb.delay();
        if (o != null) {
            timeout = o.timeout().orElse(timeout);
            maxConcurrency = o.maxConcurrency().orElse(maxConcurrency);
            retries = o.retries().orElse(retries);
            retryDelay = o.retryDelay().orElse(retryDelay);
            breakerOn = o.circuitBreakerEnabled().orElse(breakerOn);
            volume = o.circuitBreakerRequestVolume().orElse(volume);
            ratio = o.circuitBreakerFailureRatio().orElse(ratio);
            breakerDelay = o.circuitBreakerDelay().orElse(breakerDelay);
        }
        Set<String> roles = new HashSet<>(p.roles() == null ? Set.of() : p.roles());
        ToolPolicy.RateLimit rateLimit = p.rateLimit();
        if (o != null) {
            o.roles().ifPresent(roles::addAll);
            if (o.rateLimit().isPresent()) {
                rateLimit = new ToolPolicy.RateLimit(o.rateLimit().getAsLong(),
                        o.rateLimitPeriod().orElse(config.rateLimit().defaultPeriod()));
            }
        }
        boolean cached = p.cache() != null && p.cache().enabled();
        Duration cacheTtl = defaults.cacheTtl();
        long cacheSize = defaults.cacheSize();
        boolean perCaller = p.cache() != null && p.cache().perCaller();
        if (o != null) {
            cached = o.deterministic().orElse(cached);
            cacheTtl = o.cacheTtl().orElse(cacheTtl);
            cacheSize = o.cacheSize().orElse(cacheSize);
            perCaller = o.cachePerCaller().orElse(perCaller);
        }
        ToolPolicy policy = new ToolPolicy(timeout, maxConcurrency, new ToolPolicy.Retry(retries, retryDelay),
                breakerOn ? new ToolPolicy.Breaker(true, volume, ratio, breakerDelay) : ToolPolicy.Breaker.OFF,
                Set.copyOf(roles), rateLimit,
                cached ? new ToolPolicy.ResultCache(true, cacheTtl, cacheSize, perCaller) : ToolPolicy.ResultCache.OFF);
        return new ToolDefinition(d.name(), d.title(), d.description(), d.inputSchema(), d.outputSchema(), d.hints(),
                policy, d.executor(), d.origin(), d.tags());
    }
}

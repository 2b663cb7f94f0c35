package io.toolgate.declarative;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.command.CommandDefinitionReader;
import io.toolgate.command.CommandTools;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.gateway.Upstreams;
import io.toolgate.tool.ArgumentSchema;
import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolLinter;
import io.toolgate.tool.ToolRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The folder of definition files ({@code toolgate.declarative.folder}): loaded at start-up and polled every
 * {@code reload-interval}. A file's tools are replaced only when its content changed, through
 * {@link ToolRegistry#unregister} and {@link ToolRegistry#register}, so the registry's change listeners fire. A file
 * that does not load is reported and keeps its previous tools, if it had any; other files are never affected.
 * Polling rather than a WatchService: it behaves the same on every file system (including mounted volumes, where
 * watch events are unreliable), and a test can call {@link #reload()} and know it is done when it returns.
 */
@ApplicationScoped
public class ToolFolder {

    private static final Logger LOG = Logger.getLogger(ToolFolder.class);

    /** @param upstream whether the file describes an upstream MCP server, whose tools {@link Upstreams} keeps */
    private record Loaded(String hash, List<String> tools, String problem, boolean upstream) {

        Loaded(String hash, List<String> tools, String problem) {
            this(hash, tools, problem, false);
        }
    }

    private final ToolRegistry registry;
    // A client proxy (OutboundClients is application-scoped): its HTTP client is made when the first HTTP tool is
    // defined, so an application without any does not pay for it at start-up (about 25 ms).
    private final OutboundClients clients;
    private final CommandTools commands;
    // A client proxy too: the gateway's threads start with the first upstream file.
    private final Upstreams upstreams;
    private final ToolgateConfig config;
    private final Map<String, Loaded> files = new TreeMap<>();
    private final ToolLinter linter = new ToolLinter();
    private ScheduledExecutorService poller;

    @Inject
    public ToolFolder(ToolRegistry registry, OutboundClients clients, CommandTools commands, Upstreams upstreams,
            ToolgateConfig config) {
        this.registry = registry;
        this.clients = clients;
        this.commands = commands;
        this.upstreams = upstreams;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        reload();
        long every = config.declarative().reloadInterval().toMillis();
        if (every > 0) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "toolgate-tool-folder");
                t.setDaemon(true);
                return t;
            });
            poller.scheduleWithFixedDelay(this::reloadQuietly, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.error("Reloading the tool folder failed", e);
        }
    }

    /** Brings the registry in line with the folder now; returns true when any tool was added, replaced or removed. */
    public synchronized boolean reload() {
        Path folder = Path.of(config.declarative().folder());
        Map<String, Path> present = DefinitionFiles.in(folder);
        boolean changed = false;
        for (String gone : new ArrayList<>(files.keySet())) {
            if (!present.containsKey(gone)) {
                Loaded loaded = files.remove(gone);
                loaded.tools().forEach(registry::unregister);
                if (loaded.upstream()) {
                    upstreams.remove(gone);
                }
                LOG.infof("Tool definition %s removed", gone);
                changed = true;
            }
        }
        for (Map.Entry<String, Path> file : present.entrySet()) {
            changed |= load(file.getKey(), file.getValue());
        }
        return changed;
    }

    /** Whether any file describes an upstream MCP server (the gateway's part is then running). */
    public synchronized boolean hasUpstreams() {
        return files.values().stream().anyMatch(Loaded::upstream);
    }

    public synchronized List<SourceStatus> statuses() {
        List<SourceStatus> out = new ArrayList<>();
        Map<String, SourceStatus> upstreamStatuses = new TreeMap<>();
        if (files.values().stream().anyMatch(Loaded::upstream)) {
            upstreams.statuses().forEach(u -> upstreamStatuses.put(u.source(), u));
        }
        files.forEach((name, loaded) -> {
            SourceStatus upstream = loaded.upstream() ? upstreamStatuses.get(name) : null;
            if (upstream == null) {
                out.add(new SourceStatus(name, loaded.tools(), loaded.problem()));
            } else if (loaded.problem() == null) {
                out.add(upstream);
            } else {
                out.add(new SourceStatus(name, upstream.tools(), loaded.problem()
                        + (upstream.problem() == null ? "" : "; " + upstream.problem()), upstream.quarantined()));
            }
        });
        return out;
    }

    private boolean load(String name, Path path) {
        Loaded previous = files.get(name);
        List<String> previousTools = previous == null ? List.of() : previous.tools();
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (IOException e) {
            return report(name, null, previousTools, "the file could not be read");
        }
        String hash = DefinitionFiles.sha256(content);
        if (previous != null && previous.hash().equals(hash)) {
            return false;
        }
        ToolDefinition tool;
        try {
            // One folder, one format family: an "mcp" block makes the file an upstream MCP server, a "command"
            // block a command tool, otherwise HTTP.
            ObjectNode tree = DefinitionReader.tree(content, name);
            if (tree.has("mcp")) {
                upstreams.load(name, tree);
                previousTools.forEach(registry::unregister);
                files.put(name, new Loaded(hash, List.of(), null, true));
                LOG.infof("Upstream MCP server defined by %s", name);
                return !previousTools.isEmpty();
            }
            if (previous != null && previous.upstream()) {
                upstreams.remove(name);
            }
            tool = tree.has("command") ? commands.define(CommandDefinitionReader.fromTree(tree, "file " + name))
                    : clients.factory().define(DefinitionReader.fromTree(tree, "file " + name));
            List<String> schemaProblems = ArgumentSchema.metaSchemaViolations(tool.inputSchema());
            if (!schemaProblems.isEmpty()) {
                throw new IllegalArgumentException("parameters is not valid JSON Schema 2020-12: " + schemaProblems);
            }
            // Start-up refuses lint findings under strict mode; a file added later is held to the same rule.
            List<String> lint = config.lint().strict() ? linter.lint(tool) : List.of();
            if (!lint.isEmpty()) {
                throw new IllegalArgumentException("toolgate.lint.strict=true and " + String.join("; ", lint));
            }
        } catch (IllegalArgumentException e) {
            if (previous != null && previous.upstream()) {
                // The upstream the file described before keeps serving, as a tool file's previous version does.
                LOG.warnf("Tool definition %s not loaded: %s; its upstream keeps serving", name, e.getMessage());
                files.put(name, new Loaded(hash, List.of(), e.getMessage() + "; the upstream it described before"
                        + " keeps serving", true));
                return false;
            }
            return report(name, hash, previousTools, e.getMessage());
        }
        previousTools.forEach(registry::unregister);
        try {
            if (registry.register(tool) == null) {
                report(name, hash, List.of(), "tool '" + tool.name() + "' is switched off by toolgate.exposure or"
                        + " toolgate.tools.\"" + tool.name() + "\".enabled");
                return !previousTools.isEmpty();
            }
        } catch (IllegalArgumentException e) {
            report(name, hash, List.of(), e.getMessage());
            return !previousTools.isEmpty();
        }
        files.put(name, new Loaded(hash, List.of(tool.name()), null));
        LOG.infof("Tool %s loaded from %s", tool.name(), name);
        return true;
    }

    private boolean report(String name, String hash, List<String> keptTools, String problem) {
        String kept = keptTools.isEmpty() ? "" : "; still serving its previous version";
        LOG.warnf("Tool definition %s not loaded: %s%s", name, problem, kept);
        files.put(name, new Loaded(hash == null ? "" : hash, keptTools, problem + kept));
        return false;
    }

    @PreDestroy
    void stop() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}

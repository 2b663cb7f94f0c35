package io.toolgate.gateway;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.command.CommandRunner;
import io.toolgate.command.CommandTools;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.declarative.OutboundClients;
import io.toolgate.declarative.OutboundPolicy;
import io.toolgate.declarative.SourceStatus;
import io.toolgate.invoke.ToolThreads;
import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The upstream MCP servers of the tool folder: one {@link UpstreamClient} per file with an {@code mcp} block. A file
 * is checked when it loads (a broken one is refused with the reason); connecting and listing happen on a thread of
 * their own, so a slow or absent upstream never holds up start-up or the other files. The upstream's tools join the
 * registry under its prefix when it has listed them, are replaced when it announces {@code list_changed}, and stay
 * registered while it is away (they answer a clear error meanwhile); every few seconds an upstream that is away is
 * tried again, within its client's backoff.
 */
@ApplicationScoped
public class Upstreams {

    private static final Logger LOG = Logger.getLogger(Upstreams.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Limits a JavaScript or Python runtime starts under: they reserve far more address space than they use, and
     * open a file per module they load. A file's {@code memory_mb} and {@code open_files} set others.
     */
    private static final long DEFAULT_MEMORY_MB = 8192;
    private static final int DEFAULT_OPEN_FILES = 1024;
    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private static final Duration RECONNECT_TICK = Duration.ofSeconds(2);

    private final ToolRegistry registry;
    private final CommandTools commands;
    private final OutboundClients clients;
    private final ToolThreads threads;
    private final ToolgateConfig config;
    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "toolgate-upstreams");
        t.setDaemon(true);
        return t;
    });

    /** One file's upstream: its client, the tools it has registered or holds back, and what went wrong. */
    private static final class Source {
        final UpstreamSpec spec;
        final UpstreamClient client;
        List<String> tools = List.of();
        List<String> problems = List.of();
        /** By the upstream's own tool name. */
        Map<String, Held> quarantined = Map.of();
        boolean listed;
        final java.util.concurrent.atomic.AtomicBoolean refreshQueued = new java.util.concurrent.atomic.AtomicBoolean();
        /** The hash of the last listing taken in, so an unchanged one (a list_changed after start-up) is skipped. */
        volatile String lastListing;

        Source(UpstreamSpec spec, UpstreamClient client) {
            this.spec = spec;
            this.client = client;
        }
    }

    /** A tool held back: why, and its definition as pinned (null if never pinned) and as listed now. */
    private record Held(String servedName, String reason, String pinned, String current) {
    }

    private final UpstreamPins pins;
    private final io.toolgate.tool.ToolLinter linter = new io.toolgate.tool.ToolLinter();


    @Inject
    public Upstreams(ToolRegistry registry, CommandTools commands, OutboundClients clients, ToolThreads threads,
            ToolgateConfig config, UpstreamPins pins) {
        this.registry = registry;
        this.pins = pins;
        this.commands = commands;
        this.clients = clients;
        this.threads = threads;
        this.config = config;
        worker.scheduleWithFixedDelay(this::reconnectAway, RECONNECT_TICK.toMillis(), RECONNECT_TICK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Takes on the upstream a file describes (or {@code config:<name>}, one of {@code toolgate.upstreams}), replacing
     * the file's previous one; its tools follow once it answers.
     *
     * @throws IllegalArgumentException naming the key and rule the file breaks
     */
    public void load(String file, ObjectNode tree) {
        String origin = file.startsWith("config:")
                ? "toolgate.upstreams.\"" + file.substring("config:".length()) + "\"" : "file " + file;
        UpstreamSpec spec = UpstreamDefinitionReader.fromTree(tree, origin, System::getenv);
        UpstreamClient client = new UpstreamClient(spec.name(), spec.protocolVersion(), connector(spec),
                handshakeTimeout(spec), spec.maxConcurrency());
        Source source = new Source(spec, client);
        synchronized (this) {
            for (Map.Entry<String, Source> other : sources.entrySet()) {
                if (!other.getKey().equals(file) && other.getValue().spec.name().equals(spec.name())) {
                    throw new IllegalArgumentException("mcp.name '" + spec.name() + "' is already used by "
                            + other.getKey());
                }
            }
            remove(file);
            sources.put(file, source);
        }
        client.onNotification(message -> {
            // One listing waits at a time: an upstream that floods list_changed costs one tools/list per refresh,
            // not one per notification.
            if ("notifications/tools/list_changed".equals(message.path("method").asText())
                    && source.refreshQueued.compareAndSet(false, true)) {
                worker.execute(() -> {
                    source.refreshQueued.set(false);
                    refresh(source);
                });
            }
        });
        worker.execute(() -> refresh(source));
    }

    /** Drops a file's upstream: its tools leave the registry and its connection (and program) end. */
    public synchronized void remove(String file) {
        Source gone = sources.remove(file);
        if (gone != null) {
            gone.tools.forEach(registry::unregister);
            gone.quarantined.values().forEach(h -> registry.withhold(h.servedName(), null));
            gone.client.close();
        }
    }

    /** Per upstream file: the tools it serves and what is wrong, for {@code GET /tool-sources}. */
    public synchronized List<SourceStatus> statuses() {
        List<SourceStatus> out = new ArrayList<>();
        sources.forEach((file, s) -> {
            List<String> problems = new ArrayList<>(s.problems);
            if (!s.client.connected()) {
                problems.add(0, s.client.problem() != null ? "upstream " + s.spec.name() + " unreachable: "
                        + s.client.problem() : "upstream " + s.spec.name() + " connecting");
            }
            List<SourceStatus.Quarantined> held = new ArrayList<>();
            s.quarantined.values().forEach(h -> held.add(new SourceStatus.Quarantined(h.servedName(), h.reason(),
                    parsed(h.pinned()), parsed(h.current()))));
            out.add(new SourceStatus(file, s.tools, problems.isEmpty() ? null : String.join("; ", problems),
                    held));
        });
        return out;
    }

    /** Each upstream's state by name: {@code connected}, {@code connecting} or {@code unreachable: <why>}. */
    public synchronized Map<String, String> states() {
        Map<String, String> out = new java.util.TreeMap<>();
        sources.values().forEach(s -> out.put(s.spec.name(), s.client.connected() ? "connected"
                : s.client.problem() == null ? "connecting" : "unreachable: " + s.client.problem()));
        return out;
    }

    /** Whether a file's upstream has listed its tools at least once (for tests and readiness). */
    public synchronized boolean listed(String file) {
        Source s = sources.get(file);
        return s != null && s.listed;
    }

    private void refresh(Source source) {
        List<ObjectNode> listed;
        try {
            listed = source.client.listTools(handshakeTimeout(source.spec));
        } catch (RuntimeException e) {
            LOG.warnf("Upstream %s: listing its tools failed: %s", source.spec.name(), e.getMessage());
            return;
        }
        String fingerprint = UpstreamPins.hash(listed.toString());
        if (fingerprint.equals(source.lastListing)) {
            return;
        }
        Map<String, Held> held = new LinkedHashMap<>();
        List<String> findings = new ArrayList<>();
        List<ObjectNode> trusted;
        try {
            trusted = screen(source, listed, held, findings);
        } catch (IllegalStateException e) {
            LOG.warnf("Upstream %s: %s; its tools are not served until they can be compared", source.spec.name(),
                    e.getMessage());
            trusted = List.of();
            findings.add(e.getMessage());
        }
        UpstreamTools.Listing listing = strict(UpstreamTools.define(source.spec, source.client, trusted,
                config.defaults().timeout()));
        synchronized (this) {
            if (sources.get(fileOf(source)) != source) {
                return; // replaced or removed meanwhile
            }
            source.quarantined.values().forEach(h -> registry.withhold(h.servedName(), null));
            held.values().forEach(h -> registry.withhold(h.servedName(), h.reason()));
            source.quarantined = Map.copyOf(held);
            List<String> problems = new ArrayList<>(listing.problems());
            problems.addAll(findings);
            if (!held.isEmpty()) {
                problems.add(held.size() + " tool(s) quarantined: " + held.values().stream()
                        .map(Held::servedName).toList());
            }
            List<String> registered = registry.replace(source.tools, listing.tools(), problems);
            source.tools = List.copyOf(registered);
            source.problems = List.copyOf(problems);
            source.listed = true;
            source.lastListing = fingerprint;
            problems.forEach(p -> LOG.warnf("Upstream %s: %s", source.spec.name(), p));
            LOG.infof("Upstream %s: %d tools", source.spec.name(), registered.size());
        }
    }

    /** Under {@code toolgate.lint.strict=true} a tool with lint findings is left out, as a tool file is refused. */
    private UpstreamTools.Listing strict(UpstreamTools.Listing listing) {
        if (!config.lint().strict()) {
            return listing;
        }
        List<ToolDefinition> kept = new ArrayList<>();
        List<String> problems = new ArrayList<>(listing.problems());
        for (ToolDefinition tool : listing.tools()) {
            List<String> findings = linter.lint(tool);
            if (findings.isEmpty()) {
                kept.add(tool);
            } else {
                problems.add("tool '" + tool.name() + "' left out, toolgate.lint.strict=true and "
                        + String.join("; ", findings));
            }
        }
        return new UpstreamTools.Listing(kept, problems);
    }

    /**
     * Compares each listed tool with its pin: the first sight of a clean tool pins it; a tool that matches its pin is
     * served; one that changed since, or whose text trips {@link ToolPoisoning} before it was ever approved, is held.
     * With {@code pin: false} everything is served and poisoning findings are only reported.
     *
     * @return the tools to serve
     */
    private List<ObjectNode> screen(Source source, List<ObjectNode> listed, Map<String, Held> held,
            List<String> findings) {
        String upstream = source.spec.name();
        Map<String, UpstreamPins.Pin> pinned = source.spec.pin() ? pins.of(upstream) : Map.of();
        List<ObjectNode> serve = new ArrayList<>();
        for (ObjectNode tool : listed) {
            String name = tool.path("name").asText("");
            String served = source.spec.prefix() + name;
            String current = UpstreamPins.pinned(tool);
            List<String> poison = ToolPoisoning.findings(tool);
            if (!source.spec.pin()) {
                poison.forEach(f -> findings.add("tool '" + name + "': " + f));
                serve.add(tool);
                continue;
            }
            UpstreamPins.Pin pin = pinned.get(name);
            String approve = "; an admin approves it with POST /tool-sources/" + fileOf(source) + "/approve";
            if (pin != null && pin.hash().equals(UpstreamPins.hash(current))) {
                serve.add(tool);
            } else if (pin != null) {
                held.put(name, new Held(served, "its definition changed since it was pinned (" + changed(pin
                        .definition(), current) + ")" + (poison.isEmpty() ? "" : ", and its " + String.join(", ",
                                poison)) + approve, pin.definition(), current));
            } else if (!poison.isEmpty()) {
                held.put(name, new Held(served, "its " + String.join(", ", poison) + approve, null, current));
            } else {
                pins.pin(upstream, name, current, false);
                serve.add(tool);
            }
        }
        return serve;
    }

    /** Which parts of a definition differ between the pin and now. */
    private static String changed(String pinned, String current) {
        JsonNode a = parsed(pinned);
        JsonNode b = parsed(current);
        List<String> parts = new ArrayList<>();
        for (String key : new String[] { "title", "description", "inputSchema", "outputSchema" }) {
            if (!a.path(key).equals(b.path(key))) {
                parts.add(key);
            }
        }
        return parts.isEmpty() ? "its content" : String.join(", ", parts) + " changed";
    }

    private static JsonNode parsed(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(json);
        }
    }

    /**
     * An admin's approval of a file's quarantined tools: their current definitions become the pins, and they are
     * served from now on.
     *
     * @return the tools approved (as served), empty when none was held
     * @throws IllegalArgumentException when the file describes no upstream
     */
    public List<String> approve(String file) {
        Source source;
        Map<String, Held> held;
        synchronized (this) {
            source = sources.get(file);
            if (source == null) {
                throw new IllegalArgumentException("no upstream MCP server is defined by " + file);
            }
            held = source.quarantined;
        }
        held.forEach((name, h) -> pins.pin(source.spec.name(), name, h.current(), true));
        source.lastListing = null; // the same listing now meets other pins
        refresh(source);
        return held.values().stream().map(Held::servedName).toList();
    }

    private synchronized String fileOf(Source source) {
        for (Map.Entry<String, Source> e : sources.entrySet()) {
            if (e.getValue() == source) {
                return e.getKey();
            }
        }
        return null;
    }

    private void reconnectAway() {
        List<Source> away = new ArrayList<>();
        synchronized (this) {
            sources.values().stream().filter(s -> !s.client.connected()).forEach(away::add);
        }
        for (Source s : away) {
            try {
                s.client.connection();
                refresh(s); // a restarted upstream may list other tools than before
            } catch (RuntimeException e) {
                // still away; the client keeps the reason and the backoff
            }
        }
    }

    private Duration handshakeTimeout(UpstreamSpec spec) {
        return spec.timeout() != null ? spec.timeout() : config.defaults().timeout();
    }

    private java.util.function.Supplier<McpConnection> connector(UpstreamSpec spec) {
        if (spec.stdio() != null) {
            UpstreamSpec.Stdio s = spec.stdio();
            // Checked now, so a file that breaks a rule is refused when it loads, not at its first call.
            CommandRunner.Run run = commands.longRunning(spec.name(), s.executable(), s.args(), s.environment(),
                    s.sandbox(), s.memoryMb() != null ? s.memoryMb() : DEFAULT_MEMORY_MB,
                    s.openFiles() != null ? s.openFiles() : DEFAULT_OPEN_FILES);
            return () -> {
                try {
                    return new StdioConnection(spec.name(), commands.runner().startLongRunning(run),
                            MAX_MESSAGE_BYTES);
                } catch (IOException e) {
                    throw new io.toolgate.tool.UpstreamException("the upstream " + spec.name()
                            + " could not be started: " + e.getMessage());
                }
            };
        }
        UpstreamSpec.Http h = spec.http();
        OutboundPolicy policy = new OutboundPolicy(List.of(h.url().getHost()), h.allowPrivateNetwork(),
                handshakeTimeout(spec), config.declarative().maxResponseBytes());
        // One token for the upstream, kept across reconnections: a new session needs no new token.
        ClientCredentialsTokens tokens = h.oauth() == null ? null : new ClientCredentialsTokens(spec.name(),
                h.oauth(), clients.client(), new OutboundPolicy(List.of(h.oauth().tokenUrl().getHost()),
                        h.allowPrivateNetwork(), handshakeTimeout(spec), config.declarative().maxResponseBytes()));
        return () -> new HttpConnection(spec.name(), h.url(), clients.client(), policy, h.headers(),
                h.secretHeaders(), tokens, threads);
    }

    @PreDestroy
    synchronized void close() {
        worker.shutdownNow();
        sources.values().forEach(s -> s.client.close());
        sources.clear();
    }
}

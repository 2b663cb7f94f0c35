package io.toolgate.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.toolgate.config.ToolgateConfig;
import io.toolgate.tool.ToolRegistry;
import io.toolgate.workflow.WorkflowStore.StoredDefinition;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Workflow definitions by name and version. A new definition is validated, then stored as the next version of its
 * name; storing the same content again keeps the current version, so restarts that reload the folder do not bump
 * versions. Runs ask for the exact version they started with.
 */
@Singleton
public class WorkflowDefinitions {

    private static final Logger LOG = Logger.getLogger(WorkflowDefinitions.class);
    @Inject
    WorkflowStore store;
    @Inject
    ToolRegistry registry;
    @Inject
    ToolgateConfig config;

    private final Map<String, WorkflowDefinition> parsed = new ConcurrentHashMap<>();
    private final List<DefinitionProblem> loadProblems = new CopyOnWriteArrayList<>();

    public record Saved(WorkflowDefinition definition, boolean created) {
    }

    DefinitionParser parser() {
        ToolgateConfig.Workflows w = config.workflows();
        return new DefinitionParser(name -> registry.find(name).isPresent(), w.maxDefinitionSteps(),
                w.retryAttempts(), w.retryBackoff());
    }

    /** Loads the shipped examples and the folder's files; a bad file is logged and listed, the others load. */
    void loadAtStartup() {
        loadProblems.clear();
        if (config.workflows().examples()) {
            for (String example : config.workflows().exampleFiles().orElse(List.of())) {
                try (InputStream in = Thread.currentThread().getContextClassLoader()
                        .getResourceAsStream("workflows/" + example)) {
                    if (in != null) {
                        load(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:workflows/" + example);
                    }
                } catch (IOException e) {
                    LOG.warnf("Example workflow %s could not be read: %s", example, e.getMessage());
                }
            }
        }
        Path folder = Path.of(config.workflows().folder());
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json")) {
                    load(Files.readString(f), f.toString());
                }
            }
        } catch (IOException e) {
            LOG.warnf("Workflow folder %s could not be read: %s", folder, e.getMessage());
        }
    }

    private void load(String content, String origin) {
        try {
            Saved saved = save(DefinitionParser.read(content, !origin.endsWith(".json")), origin, "system");
            LOG.infof("Workflow %s version %d from %s%s", saved.definition().name(), saved.definition().version(),
                    origin, saved.created() ? " (new version)" : "");
        } catch (InvalidDefinitionException e) {
            for (DefinitionProblem p : e.problems()) {
                loadProblems.add(new DefinitionProblem(p.kind(), p.step(), p.field(), origin + ": " + p.message()));
                LOG.warnf("Workflow file %s is not loaded: %s", origin, p.message());
            }
        }
    }

    /** Problems of files that did not load at start-up. */
    public List<DefinitionProblem> loadProblems() {
        return List.copyOf(loadProblems);
    }

    /** @throws InvalidDefinitionException when the definition is refused */
    public Saved save(JsonNode root, String origin, String by) {
        WorkflowDefinition checked = parser().parse(root, 0);
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<StoredDefinition> latest = store.latest(checked.name());
            if (latest.isPresent() && sameContent(latest.get().source(), root)) {
                return new Saved(get(checked.name(), latest.get().version()).orElseThrow(), false);
            }
            int version = latest.map(d -> d.version() + 1).orElse(1);
            if (store.insertDefinition(new StoredDefinition(checked.name(), version, root.toString(), origin, by,
                    WorkflowStore.now()))) {
                WorkflowDefinition d = new WorkflowDefinition(checked.name(), version, checked.description(),
                        checked.steps(), checked.source());
                parsed.put(key(d.name(), version), d);
                return new Saved(d, true);
            }
        }
        throw new WorkflowStore.StoreException("the workflow definition could not be stored (concurrent updates)",
                null);
    }

    private static boolean sameContent(String stored, JsonNode root) {
        try {
            return WorkflowStore.JSON.readTree(stored).equals(root);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The stored version, parsed again if not cached. A stored definition that no longer validates (a tool it uses
     * was removed) is refused with the reason.
     */
    public Optional<WorkflowDefinition> get(String name, int version) {
        WorkflowDefinition cached = parsed.get(key(name, version));
        if (cached != null) {
            return Optional.of(cached);
        }
        return store.definition(name, version).map(d -> {
            WorkflowDefinition p = parser().parse(DefinitionParser.read(d.source(), false), d.version());
            parsed.put(key(name, version), p);
            return p;
        });
    }

    public Optional<WorkflowDefinition> latest(String name) {
        return store.latest(name).flatMap(d -> get(name, d.version()));
    }

    public Optional<StoredDefinition> stored(String name) {
        return store.latest(name);
    }

    public List<StoredDefinition> list() {
        return new ArrayList<>(store.latestOfEach());
    }

    private static String key(String name, int version) {
        return name + "@" + version;
    }
}

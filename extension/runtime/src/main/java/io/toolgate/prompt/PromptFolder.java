package io.toolgate.prompt;

import java.io.IOException;
import java.io.InputStream;
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

import io.quarkus.runtime.StartupEvent;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.declarative.DefinitionFiles;
import io.toolgate.declarative.SourceStatus;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Prompt files: the shop prompts shipped on the class path (with the demo toolset) and the folder
 * {@code toolgate.prompts.folder}, loaded at start-up and polled every {@code reload-interval} the way the tool
 * folder is ({@code ToolFolder}: polling works alike on every file system, and a test knows {@link #reload()} is done
 * when it returns). A file's prompt is replaced only when its content changed; a file that does not load is reported
 * ({@link #statuses()}, shown by {@code GET /tool-sources}) and keeps its previous prompt, if it had one.
 */
@Singleton
public class PromptFolder {

    private static final Logger LOG = Logger.getLogger(PromptFolder.class);
    /** Shipped on the class path (src/main/resources/prompts). */

    private record Loaded(String hash, String prompt, String problem) {
    }

    private final PromptCatalog catalog;
    private final ToolgateConfig config;
    private final Map<String, Loaded> files = new TreeMap<>();
    private final List<SourceStatus> shipped = new ArrayList<>();
    private ScheduledExecutorService poller;

    @Inject
    public PromptFolder(PromptCatalog catalog, ToolgateConfig config) {
        this.catalog = catalog;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        if (config.prompts().examples()) {
            loadShipped();
        }
        reload();
        long every = config.prompts().reloadInterval().toMillis();
        if (every > 0) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "toolgate-prompt-folder");
                t.setDaemon(true);
                return t;
            });
            poller.scheduleWithFixedDelay(this::reloadQuietly, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void loadShipped() {
        for (String file : config.prompts().exampleFiles().orElse(List.of())) {
            String origin = "classpath:prompts/" + file;
            try (InputStream in = Thread.currentThread().getContextClassLoader()
                    .getResourceAsStream("prompts/" + file)) {
                if (in == null) {
                    shipped.add(new SourceStatus(origin, List.of(), "missing from the class path"));
                    continue;
                }
                PromptDefinition prompt = PromptFileReader.read(in.readAllBytes(), file, null);
                catalog.register(prompt);
                shipped.add(new SourceStatus(origin, List.of("prompt:" + prompt.name()), null));
            } catch (IOException | IllegalArgumentException e) {
                LOG.warnf("Shipped prompt %s not loaded: %s", origin, e.getMessage());
                shipped.add(new SourceStatus(origin, List.of(), e.getMessage()));
            }
        }
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.error("Reloading the prompt folder failed", e);
        }
    }

    /** Brings the catalog in line with the folder now; true when a prompt was added, replaced or removed. */
    public synchronized boolean reload() {
        Path folder = Path.of(config.prompts().folder());
        Map<String, Path> present = DefinitionFiles.in(folder);
        boolean changed = false;
        for (String gone : new ArrayList<>(files.keySet())) {
            if (!present.containsKey(gone)) {
                Loaded was = files.remove(gone);
                if (was.prompt() != null) {
                    catalog.unregister(was.prompt());
                }
                LOG.infof("Prompt file %s removed", gone);
                changed = true;
            }
        }
        for (Map.Entry<String, Path> file : present.entrySet()) {
            changed |= load(file.getKey(), file.getValue(), folder);
        }
        return changed;
    }

    /** Each prompt file (shipped ones first) with the prompt it defines and why it did not load, if it did not. */
    public synchronized List<SourceStatus> statuses() {
        List<SourceStatus> out = new ArrayList<>(shipped);
        files.forEach((name, loaded) -> out.add(new SourceStatus(name,
                loaded.prompt() == null ? List.of() : List.of("prompt:" + loaded.prompt()), loaded.problem())));
        return out;
    }

    private boolean load(String name, Path path, Path folder) {
        Loaded previous = files.get(name);
        String previousPrompt = previous == null ? null : previous.prompt();
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (IOException e) {
            return report(name, "", previousPrompt, "the file could not be read");
        }
        String hash = DefinitionFiles.sha256(content);
        if (previous != null && previous.hash().equals(hash)) {
            return false;
        }
        PromptDefinition prompt;
        try {
            prompt = PromptFileReader.read(content, name, folder);
        } catch (IllegalArgumentException e) {
            return report(name, hash, previousPrompt, e.getMessage());
        }
        if (previousPrompt != null) {
            catalog.unregister(previousPrompt);
        }
        try {
            catalog.register(prompt);
        } catch (IllegalArgumentException e) {
            report(name, hash, null, e.getMessage());
            return previousPrompt != null;
        }
        files.put(name, new Loaded(hash, prompt.name(), null));
        LOG.infof("Prompt %s loaded from %s", prompt.name(), name);
        return true;
    }

    private boolean report(String name, String hash, String keptPrompt, String problem) {
        String kept = keptPrompt == null ? "" : "; still serving its previous version";
        LOG.warnf("Prompt file %s not loaded: %s%s", name, problem, kept);
        files.put(name, new Loaded(hash, keptPrompt, problem + kept));
        return false;
    }

    @PreDestroy
    void stop() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}

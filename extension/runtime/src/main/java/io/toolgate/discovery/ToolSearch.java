package io.toolgate.discovery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.config.ToolgateConfig.Search.Ranking;
import io.toolgate.security.Caller;
import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Ranks the catalogue against a text, for {@code GET /tools?q=}, MCP's {@code search_tools} and the agent's tool
 * selection. The index follows the registry: a change marks it stale and the next search builds a new one (hundreds
 * of tools take milliseconds), so a search never sees a tool that is gone and every door ranks the same way.
 *
 * <p>
 * BM25 alone by default. With {@code toolgate.search.embedding-model} set, the search is hybrid: BM25's ranking and
 * the embedding's (cosine similarity over every tool) are fused by reciprocal rank (each tool scores
 * {@code 1/(60 + rank)} in each list it appears in; 60 is the constant of Cormack et al., not tuned here), so a tool
 * found by meaning but sharing no word with the request ("text my plumber" for {@code send_sms}) still ranks, and
 * one that matches exact words is not lost to a vague neighbour. With {@code toolgate.search.ranking=embedding} the
 * embedding ranks alone. Tools are embedded on a background thread after each change; until all are, searches are
 * BM25 only ({@link Ranked#ranking()} says how each search ranked).
 */
@ApplicationScoped
public class ToolSearch {

    /** One ranked tool and its score: BM25's, or the fused one in hybrid search (comparable within one search). */
    public record Hit(RegisteredTool tool, float score) {
    }

    /** What besides the text narrows a search: a tag the tool must carry, its read-only hint. Nulls narrow nothing. */
    public record Filters(String tag, Boolean readOnly) {
        public static final Filters NONE = new Filters(null, null);

        public boolean keeps(RegisteredTool tool) {
            return (tag == null || tool.definition().tags().contains(tag))
                    && (readOnly == null || tool.definition().hints().readOnly() == readOnly);
        }
    }

    /** Reciprocal rank fusion's constant (Cormack, Clarke and Büttcher, SIGIR 2009). */
    private static final int FUSION_K = 60;
    private static final Logger LOG = Logger.getLogger(ToolSearch.class);

    /** One index's tool vectors, by the index's positions. */
    private record Vectors(ToolIndex index, float[][] byPosition) {
    }

    private final ToolRegistry registry;
    private final ToolEmbeddings embeddings;
    /** Whether BM25's ranking takes part once the embeddings are ready (toolgate.search.ranking). */
    private final boolean lexical;
    private final ExecutorService embedder;
    private final AtomicBoolean embeddingQueued = new AtomicBoolean();
    private volatile ToolIndex index;
    private volatile Vectors vectors;

    @Inject
    public ToolSearch(ToolRegistry registry, ToolgateConfig config) {
        this(registry, config.search().embeddingModel().map(ToolEmbeddings::load).orElse(null),
                config.search().ranking());
    }

    /** BM25 only. */
    public ToolSearch(ToolRegistry registry) {
        this(registry, null, Ranking.HYBRID);
    }

    /** With an embedding model (null: BM25 only), fused with BM25 or alone. */
    public ToolSearch(ToolRegistry registry, ToolEmbeddings embeddings, Ranking ranking) {
        this.registry = registry;
        this.embeddings = embeddings;
        this.lexical = ranking == Ranking.HYBRID;
        this.embedder = embeddings == null ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "toolgate-embeddings");
            t.setDaemon(true);
            return t;
        });
        registry.onChange(() -> {
            index = null;
            scheduleEmbedding(); // the new catalogue's vectors, before anyone asks
        });
    }

    /** With an embedding model, the catalogue is embedded from start-up on, not from the first search. */
    void onStart(@Observes StartupEvent event) {
        scheduleEmbedding();
    }

    /**
     * One embedding run queued at a time: a burst of registry changes (a tool folder or an OpenAPI document loading
     * hundreds of tools) becomes one run over the catalogue as it is when the run starts, not one run per change.
     */
    private void scheduleEmbedding() {
        if (embedder == null || !embeddingQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            embedder.execute(() -> {
                embeddingQueued.set(false); // a change from here on queues the next run
                embed();
            });
        } catch (RejectedExecutionException e) {
            embeddingQueued.set(false); // shutting down
        }
    }

    @PreDestroy
    void stop() {
        if (embedder != null) {
            embedder.shutdownNow();
        }
    }

    /** One search's hits and how they were ranked: {@code bm25}, {@code hybrid:<model>}, {@code embedding:<model>}. */
    public record Ranked(List<Hit> hits, String ranking) {
    }

    /**
     * The tools this caller may see that match the text, best first.
     *
     * @return empty when the text has no searchable word
     */
    public List<Hit> search(String text, int limit, Caller caller, Filters filters) {
        return ranked(text, limit, caller, filters).hits();
    }

    /** {@link #search}, saying how it ranked. */
    public Ranked ranked(String text, int limit, Caller caller, Filters filters) {
        Predicate<RegisteredTool> keep = tool -> filters.keeps(tool)
                && caller.sees(tool.name()) && caller.mayUse(tool.definition().policy().roles());
        ToolIndex i = current();
        Vectors v = vectors;
        if (v == null || v.index() != i) {
            return new Ranked(i.search(text, limit, keep), "bm25");
        }
        return new Ranked(withEmbeddings(i, v, text, limit, keep), mode());
    }

    private String mode() {
        return (lexical ? "hybrid:" : "embedding:") + embeddings.name();
    }

    /**
     * Embeds the whole current catalogue now, on the caller's thread, and switches to hybrid search (benchmarks and
     * tests; the server does the same in the background).
     */
    public void embedNow() {
        if (embeddings == null) {
            throw new IllegalStateException("no embedding model: toolgate.search.embedding-model is not set");
        }
        embed();
    }

    /** The embedding's ranking, fused with BM25's by reciprocal rank in hybrid mode. */
    private List<Hit> withEmbeddings(ToolIndex i, Vectors v, String text, int limit, Predicate<RegisteredTool> keep) {
        int[] byWords = i.ranked(text);
        if (byWords == null) {
            return List.of(); // no searchable word: a vector of stop words means nothing either
        }
        Map<Integer, Double> fused = new HashMap<>();
        if (lexical) {
            addRanks(fused, Arrays.stream(byWords).filter(p -> keep.test(i.tool(p))).boxed().toList());
        }
        float[] query = embeddings.query(text);
        float[] similarity = new float[i.size()];
        List<Integer> byMeaning = new ArrayList<>();
        for (int position = 0; position < i.size(); position++) {
            if (keep.test(i.tool(position))) {
                byMeaning.add(position);
                similarity[position] = ToolEmbeddings.dot(query, v.byPosition()[position]);
            }
        }
        byMeaning.sort((a, b) -> Float.compare(similarity[b], similarity[a]));
        addRanks(fused, byMeaning);
        return fused.entrySet().stream()
                .sorted(Map.Entry.<Integer, Double> comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(e -> new Hit(i.tool(e.getKey()), e.getValue().floatValue()))
                .toList();
    }

    private static void addRanks(Map<Integer, Double> fused, List<Integer> ranked) {
        for (int rank = 1; rank <= ranked.size(); rank++) {
            fused.merge(ranked.get(rank - 1), 1.0 / (FUSION_K + rank), Double::sum);
        }
    }

    /** Vectors for every tool of the current index (only new definitions cost a model call). */
    private void embed() {
        ToolIndex i = current();
        if (vectors != null && vectors.index() == i) {
            return;
        }
        try {
            long t0 = System.nanoTime();
            float[][] byPosition = new float[i.size()][];
            for (int position = 0; position < i.size(); position++) {
                byPosition[position] = embeddings.tool(i.tool(position).definition());
            }
            if (index == i) { // else the registry changed meanwhile, and the change queued the next run
                boolean first = vectors == null;
                vectors = new Vectors(i, byPosition);
                // Once at INFO (the switch an operator wants to see), every later catalogue change at DEBUG.
                LOG.logf(first ? Logger.Level.INFO : Logger.Level.DEBUG, "Tool search: %d tools embedded in %d ms;"
                        + " ranking %s", (Object) i.size(), (System.nanoTime() - t0) / 1_000_000, mode());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Tool search: embedding the catalogue with %s failed; searches stay BM25 only",
                    embeddings.name());
        }
    }

    private ToolIndex current() {
        ToolIndex i = index;
        if (i == null) {
            synchronized (this) {
                i = index;
                if (i == null) {
                    i = new ToolIndex(registry.all());
                    index = i;
                }
            }
        }
        return i;
    }
}

package io.toolgate.discovery;

import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.toolgate.tool.ToolDefinition;

/**
 * Tools and queries as sentence embeddings, for the semantic half of hybrid search: an in-process model (ONNX, no
 * network) from one of LangChain4j's {@code langchain4j-embeddings-*} artifacts, which the application adds as a
 * dependency and names in {@code toolgate.search.embedding-model}. A tool is embedded once per definition (the
 * registry replaces definitions, it never changes one); vectors are stored normalised so a dot product is the cosine.
 */
public final class ToolEmbeddings {

    /** Short names for LangChain4j's in-process models; any other value is taken as a class name. */
    static final Map<String, String> MODELS = Map.of(
            "all-minilm-l6-v2", "dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel",
            "all-minilm-l6-v2-q",
            "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel",
            "bge-small-en-v15", "dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel",
            "bge-small-en-v15-q",
            "dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel");

    /**
     * What a model wants in front of a query, as its model card asks: BGE wants this instruction on queries (not on
     * passages; 0.691 against 0.657 recall@5 without it in bench/retrieval.sh); the MiniLM models take the text as it
     * is, and so does a model given by class name.
     */
    private static final String BGE_QUERY = "Represent this sentence for searching relevant passages: ";
    private static final Map<String, String> QUERY_INSTRUCTIONS = Map.of("bge-small-en-v15", BGE_QUERY,
            "bge-small-en-v15-q", BGE_QUERY);

    private final String name;
    private final EmbeddingModel model;
    private final String queryInstruction;
    private final Cache<ToolDefinition, float[]> vectors = Caffeine.newBuilder().weakKeys().build();

    public ToolEmbeddings(String name, EmbeddingModel model) {
        this.name = name;
        this.model = model;
        this.queryInstruction = QUERY_INSTRUCTIONS.getOrDefault(name, "");
    }

    /**
     * The model a setting names, created with its no-argument constructor (every in-process LangChain4j model has
     * one).
     *
     * @throws IllegalArgumentException naming the artifact to add when the model's class is not on the class path
     */
    public static ToolEmbeddings load(String setting) {
        String className = MODELS.getOrDefault(setting, setting);
        Class<?> type;
        try {
            type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            String artifact = MODELS.containsKey(setting) ? "dev.langchain4j:langchain4j-embeddings-" + setting
                    : "the artifact that holds " + className;
            throw new IllegalArgumentException("toolgate.search.embedding-model=" + setting + ": " + className
                    + " is not on the class path; add " + artifact + " to the application (docs/discovery.md)", e);
        }
        if (!EmbeddingModel.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("toolgate.search.embedding-model=" + setting + ": " + className
                    + " is not a dev.langchain4j.model.embedding.EmbeddingModel");
        }
        try {
            return new ToolEmbeddings(setting, (EmbeddingModel) type.getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("toolgate.search.embedding-model=" + setting + ": " + className
                    + " cannot be created with a no-argument constructor: " + e, e);
        }
    }

    public String name() {
        return name;
    }

    /** A query's vector, normalised (a few milliseconds on a CPU for a sentence). */
    public float[] query(String text) {
        return normalised(model.embed(queryInstruction + text).content().vector());
    }

    /** A tool's vector, normalised, computed the first time it is asked for. */
    public float[] tool(ToolDefinition tool) {
        return vectors.get(tool, t -> normalised(model.embed(text(t)).content().vector()));
    }

    /**
     * What a tool is embedded as: its name in words, its title, its description and its tags — what a person would
     * read to decide whether it fits, without the parameter details that make long schemas drown the purpose.
     */
    static String text(ToolDefinition tool) {
        StringBuilder s = new StringBuilder(tool.name().replace('_', ' ')).append(". ");
        if (tool.title() != null) {
            s.append(tool.title()).append(". ");
        }
        if (tool.description() != null) {
            s.append(tool.description());
        }
        if (!tool.tags().isEmpty()) {
            s.append(" (").append(String.join(", ", tool.tags())).append(')');
        }
        return s.toString();
    }

    static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * scale;
        }
        return out;
    }
}

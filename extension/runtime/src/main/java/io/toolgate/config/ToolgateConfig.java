package io.toolgate.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every {@code toolgate.*} setting; the configuration table in docs/configuration.md mirrors this interface. */
@ConfigMapping(prefix = "toolgate")
public interface ToolgateConfig {

    /** Folder of the embedded database (read by {@code quarkus.datasource.jdbc.url}). */
    @WithDefault("./data")
    String dataDir();

    /**
     * The datasource holding Toolgate's tables, by name, when the application has several and none is the default
     * one; unset uses the default datasource (or the only active one).
     */
    Optional<String> datasource();

    Database database();

    interface Database {
        /**
         * Run the datasource's Flyway migration (as {@code quarkus.flyway.*} configures it, with
         * {@code quarkus.flyway.migrate-at-start=false}) on a thread of its own while the server starts, instead of on
         * the main thread before it: doors that need no table answer at once, every connection Toolgate takes waits
         * for the migration, and readiness is DOWN until it is done.
         */
        @WithDefault("false")
        boolean migrateBesideStartUp();

        /**
         * How long a connection waits for a migration still running beside start-up before the call gets
         * DATABASE_UNAVAILABLE (503).
         */
        @WithDefault("30s")
        Duration migrationWait();
    }

    Defaults defaults();

    /** Per-tool overrides, keyed by tool name: {@code toolgate.tools."search_products".timeout=5s}. */
    Map<String, ToolOverride> tools();

    /**
     * Virtual servers: curated catalogues of this deployment's tools, each served at {@code /mcp/<name>} and as
     * {@code GET /tools?server=<name>}: {@code toolgate.virtual-servers."support".tools=lookup_*,upstream:tickets}.
     */
    Map<String, VirtualServer> virtualServers();

    Search search();

    interface VirtualServer {
        /**
         * What it serves: tool names, globs ({@code *} stands for any characters: {@code lookup_*}) and
         * {@code upstream:<name>} for every tool of an upstream MCP server.
         */
        List<String> tools();

        /** A caller needs one of these roles to use it; unset lets in every caller Toolgate lets in. */
        Optional<Set<String>> roles();

        /** How its MCP endpoint offers tools; unset takes {@code toolgate.mcp.discovery}. */
        Optional<Discovery> discovery();
    }

    /**
     * How MCP's {@code tools/list} offers tools: {@code all} lists every tool the caller may use; {@code search} lists
     * only {@code search_tools} and {@code call_tool}, and the model finds what it needs by asking.
     */
    enum Discovery {
        ALL, SEARCH
    }

    /**
     * Upstream MCP servers declared in configuration rather than by a file in the tool folder (the same settings as
     * an {@code mcp:} file, docs/gateway.md): {@code toolgate.upstreams."tickets".url=https://...}.
     */
    Map<String, Upstream> upstreams();

    interface Upstream {
        /** Tool names become prefix + name; default the upstream's name with '-' as '_', plus '_'. */
        Optional<String> prefix();

        /** Pin definitions at first sight and quarantine changes (default true). */
        Optional<Boolean> pin();

        /** The MCP revision asked for: 2025-11-25 (default), 2025-06-18 or 2025-03-26. */
        Optional<String> protocolVersion();

        /** A program spoken to over stdio: its absolute path, on toolgate.commands.allowed-executables. */
        Optional<String> command();

        /** The program's fixed arguments. */
        Optional<List<String>> args();

        /** Fixed environment variables of the program. */
        Map<String, String> env();

        /** Variables passed on from Toolgate's own environment, by name. */
        Optional<List<String>> passEnv();

        /** The program's variable = the name of Toolgate's environment variable holding the secret. */
        Map<String, String> secrets();

        /** none or bwrap. */
        Optional<String> sandbox();

        /** A Streamable HTTP server's URL (instead of command). */
        Optional<String> url();

        /** Extra headers sent to an HTTP upstream. */
        Map<String, String> headers();

        /** The environment variable holding the HTTP upstream's credential. */
        Optional<String> authSecretEnv();

        /** The header carrying it (default Authorization). */
        Optional<String> authHeader();

        /** Its scheme (default Bearer for Authorization, none otherwise). */
        Optional<String> authScheme();

        /** The token endpoint, when Toolgate gets its own token by the OAuth 2.1 client credentials grant. */
        Optional<String> oauthTokenUrl();

        /** Toolgate's client id at that authorization server. */
        Optional<String> oauthClientId();

        /** The environment variable holding the client secret. */
        Optional<String> oauthClientSecretEnv();

        /** The scope asked for, if any. */
        Optional<String> oauthScope();

        /** The token's audience, sent as the resource parameter (default: the upstream's URL). */
        Optional<String> oauthResource();

        /** The header the caller's signed identity travels in (default X-Toolgate-Caller). */
        Optional<String> callerIdentityHeader();

        /** The environment variable holding the key the caller's identity is signed with; none is sent without. */
        Optional<String> callerIdentitySecretEnv();

        /** Let an HTTP upstream be on loopback or a private network. */
        Optional<Boolean> allowPrivateNetwork();

        /** Per call; default toolgate.defaults.timeout. */
        Optional<Duration> timeout();

        /** Calls in flight to it at once. */
        Optional<Integer> maxConcurrency();

        /** A caller needs one of these roles for its tools. */
        Optional<List<String>> roles();
    }

    Lint lint();

    History history();

    Limits limits();

    Mcp mcp();

    interface Defaults {
        /** Timeout of a tool call when neither the annotation nor a per-tool override sets one. */
        @WithDefault("30s")
        Duration timeout();

        /** Concurrent calls per tool before further calls are rejected with BUSY. */
        @WithDefault("64")
        int maxConcurrency();

        /** Retries of a transient failure, for tools marked idempotent only. */
        @WithDefault("2")
        int retries();

        /** Delay before the first retry; each further retry waits twice as long. */
        @WithDefault("100ms")
        Duration retryDelay();

        CircuitBreaker circuitBreaker();

        /** How long a deterministic tool's results are cached. */
        @WithDefault("5m")
        Duration cacheTtl();

        /** Most cached results per tool. */
        @WithDefault("1000")
        long cacheSize();
    }

    interface CircuitBreaker {
        @WithDefault("true")
        boolean enabled();

        /** How many recent calls the failure ratio is computed over. */
        @WithDefault("20")
        int requestVolume();

        @WithDefault("0.5")
        double failureRatio();

        /** How long an open breaker refuses calls before letting a trial call through. */
        @WithDefault("10s")
        Duration delay();
    }

    interface ToolOverride {
        Optional<Duration> timeout();

        Optional<Integer> maxConcurrency();

        /** Retries of transient failures; set above 0 to retry a tool not marked idempotent. */
        Optional<Integer> retries();

        Optional<Duration> retryDelay();

        Optional<Boolean> circuitBreakerEnabled();

        Optional<Integer> circuitBreakerRequestVolume();

        Optional<Double> circuitBreakerFailureRatio();

        Optional<Duration> circuitBreakerDelay();

        /** Roles of which a caller needs one to see and call the tool; adds to {@code @RolesAllowed}. */
        Optional<Set<String>> roles();

        /** {@code false} removes the tool without touching code. */
        Optional<Boolean> enabled();

        /** Calls per caller per {@code rate-limit-period}. */
        OptionalLong rateLimit();

        Optional<Duration> rateLimitPeriod();

        /** Marks the tool deterministic (cacheable) or not, overriding the annotation. */
        Optional<Boolean> deterministic();

        Optional<Duration> cacheTtl();

        Optional<Long> cacheSize();

        /** Key cached results by caller too, for tools whose results depend on who asks. */
        Optional<Boolean> cachePerCaller();
    }

    /** Which tools are served at all: names or globs such as {@code calculate_*}. Deny wins over allow. */
    Exposure exposure();

    interface Exposure {
        /** When set, only matching tools are registered. */
        Optional<List<String>> allow();

        Optional<List<String>> deny();
    }

    Security security();

    interface Security {
        /** API keys by principal name: {@code toolgate.security.api-keys."alice".hash=sha256:<hex>}. */
        Map<String, ApiKey> apiKeys();

        Jwt jwt();

        /** Roles of the anonymous caller, who exists only while no authentication is configured. */
        Optional<Set<String>> anonymousRoles();

        /** The role that may read the audit log. */
        @WithDefault("admin")
        String adminRole();

        /**
         * Path prefixes whose GET requests need no credential: static pages that hold no data and call the API with
         * the user's credential (the standalone server lists its console's {@code /console/} and {@code /webjars/}).
         */
        Optional<List<String>> publicPaths();

        /** Start on a non-loopback address with no authentication configured (not recommended). */
        @WithDefault("false")
        boolean allowUnauthenticatedNetwork();
    }

    interface ApiKey {
        /** sha256 of the key, as {@code sha256:<hex>} or bare hex: the key itself is never configured. */
        String hash();

        Optional<Set<String>> roles();
    }

    interface Jwt {
        @WithDefault("false")
        boolean enabled();

        /** PEM public key that verifies token signatures: a file path, or {@code classpath:<resource>}. */
        Optional<String> publicKeyLocation();

        /** Required {@code iss}. */
        Optional<String> issuer();

        /** Accepted {@code aud} values; a token for another audience is refused. */
        Optional<Set<String>> audiences();

        /** Claim holding the caller's roles. */
        @WithDefault("groups")
        String rolesClaim();
    }

    RateLimit rateLimit();

    interface RateLimit {
        /** {@code memory} (one instance) or {@code redis} (shared by every instance using the same Redis). */
        @WithDefault("memory")
        String store();

        @WithDefault("redis://127.0.0.1:6379")
        String redisUri();

        /** Calls per caller per {@code per-caller-period} over all tools; unset for no overall limit. */
        OptionalLong perCaller();

        @WithDefault("1m")
        Duration perCallerPeriod();

        /** Period of per-tool limits that do not set their own. */
        @WithDefault("1m")
        Duration defaultPeriod();
    }

    Audit audit();

    interface Audit {
        @WithDefault("true")
        boolean enabled();

        /** Records waiting to be written; when full, calls wait (backpressure) instead of records being dropped. */
        @WithDefault("10000")
        int queueCapacity();

        /** Most records written in one transaction. */
        @WithDefault("500")
        int batchSize();

        /**
         * How long the writer waits for more records when a batch would be small, so that a steady stream of calls
         * is written in fewer, larger transactions (each commit costs); 0 writes at once.
         */
        @WithDefault("2ms")
        Duration linger();

        /**
         * How long the writer keeps gathering when no call waits for the batch (every record in it is a read-only
         * call's), up to {@code batch-size}: their callers have their answers already, and fewer, larger
         * transactions cost the database less per row. A record a call waits for ends the gathering within
         * {@code linger}. 0 gathers no longer than {@code linger}.
         */
        @WithDefault("20ms")
        Duration readOnlyLinger();

        /** Records older than this are deleted (the file sink deletes rotated files older than this). */
        @WithDefault("30d")
        Duration retention();

        /**
         * An instance that has not written its heartbeat for this long is taken for dead: the side-effecting calls it
         * had started are recorded as {@code outcome_unknown} by the others (checked at start-up and every
         * heartbeat, which is a third of this). Longer than any pause an instance survives.
         */
        @WithDefault("30s")
        Duration instanceTimeout();

        /**
         * How long a side-effecting call waits for its started record to be committed before it is refused with
         * AUDIT_UNAVAILABLE (503) without running, and for its outcome record before it answers anyway (the record
         * stays queued and is written when the store is back).
         */
        @WithDefault("5s")
        Duration writeTimeout();

        /**
         * Where records are written: {@code database} (the application's datasource), {@code file} (JSON Lines,
         * see {@code file}), or {@code auto}: the database when the application has one, else the file.
         */
        @WithDefault("auto")
        AuditSink sink();

        /** The file sink's JSON Lines file; rotated files are kept beside it. */
        @WithDefault("data/audit.jsonl")
        String file();

        /** Size at which the file sink starts a new file, keeping the full one as {@code <name>-<time>.jsonl}. */
        @WithDefault("16M")
        io.quarkus.runtime.configuration.MemorySize fileRotateSize();

        /**
         * Argument names whose values are replaced by a sha256 prefix, besides password, secret, token, api_key,
         * authorization and credit_card (matched as substrings, case-insensitive).
         */
        Optional<Set<String>> sensitiveKeys();
    }

    enum AuditSink {
        AUTO, DATABASE, FILE
    }

    /** Tool search: {@code GET /tools?q=}, MCP's {@code search_tools}, the agent's {@code tool_selection}. */
    interface Search {
        /**
         * An in-process sentence-embedding model that makes search hybrid (BM25 fused with the embedding's ranking):
         * {@code all-minilm-l6-v2}, {@code all-minilm-l6-v2-q}, {@code bge-small-en-v15}, {@code bge-small-en-v15-q}
         * or the class name of any {@code EmbeddingModel} with a no-argument constructor. Its LangChain4j artifact
         * must be on the class path. Unset: BM25 only.
         */
        Optional<String> embeddingModel();

        /**
         * With an embedding model: {@code hybrid} fuses BM25's ranking with the embedding's; {@code embedding} ranks by
         * the embedding alone (docs/benchmarks.md compares them).
         */
        @WithDefault("hybrid")
        Ranking ranking();

        enum Ranking {
            HYBRID, EMBEDDING
        }
    }

    interface Lint {
        /** Fail start-up on schema lint violations instead of logging warnings. */
        @WithDefault("false")
        boolean strict();

        /** Tokens one tool definition may cost a model (OpenAI's tokenizer) before the lint flags it; 0: no limit. */
        @WithDefault("1000")
        int maxDefinitionTokens();
    }

    interface History {
        /** How many recent calls {@code GET /calls} keeps in memory. */
        @WithDefault("1000")
        int size();
    }

    interface Limits {
        /** Largest request body or arguments text accepted, in bytes. */
        @WithDefault("1048576")
        int maxRequestBytes();

        /** Deepest nesting of arrays and objects accepted in arguments. */
        @WithDefault("32")
        int maxJsonDepth();

        /** Longest single JSON string accepted, in characters. */
        @WithDefault("65536")
        int maxStringLength();

        /** Largest tool result passed on, in bytes of JSON text; larger results are cut and marked truncated. */
        @WithDefault("102400")
        int maxResultBytes();
    }

    Batch batch();

    interface Batch {
        /** Most tool calls in one batch. */
        @WithDefault("32")
        int maxSize();

        /** After this, unfinished calls of a batch are reported as TIMEOUT. */
        @WithDefault("60s")
        Duration deadline();
    }

    interface Mcp {
        /** Tools per {@code tools/list} page. */
        @WithDefault("50")
        int pageSize();

        /** {@code all}, or {@code search}: tools/list offers search_tools and call_tool instead of every tool. */
        @WithDefault("all")
        Discovery discovery();

        /**
         * {@code optional}: a session id is issued at initialize but requests without one are served, so instances
         * behind a load balancer need no affinity; {@code required}: every request after initialize must carry it;
         * {@code none}: no sessions at all.
         */
        @WithDefault("optional")
        SessionMode sessions();

        /**
         * Signs session ids so that every instance sharing this secret accepts the ids any of them issued: clients
         * keep their session behind a load balancer without affinity. Without it, ids are signed with a random key
         * per instance, and only the issuing instance knows them.
         */
        Optional<String> sessionSecret();

        /** A session unused for this long is forgotten; its id then answers 404. */
        @WithDefault("30m")
        Duration sessionIdleTimeout();

        /**
         * How long a tool waits for a client's answer to its question (elicitation, sampling, roots) under the 2025
         * revisions, and how long a 2026-07-28 requestState stays valid.
         */
        @WithDefault("10m")
        Duration inputTimeout();

        /** The {@code ttlMs} hint on 2026-07-28 list results (tools, prompts, resources, templates, discover). */
        @WithDefault("60s")
        Duration listTtl();

        /**
         * A 2026-07-28 call of a tool that supports tasks, from a client that declared the tasks extension, is
         * answered directly when it ends (or asks a question) within this time, and becomes a task otherwise.
         */
        @WithDefault("100ms")
        Duration taskWindow();

        /** How long a task and its result stay readable. */
        @WithDefault("1h")
        Duration taskTtl();

        /**
         * Browser origins allowed to call {@code /mcp}; an entry without a port allows any port. Requests without an
         * Origin header (non-browser clients) are always allowed.
         */
        @WithDefault("http://localhost,https://localhost,http://127.0.0.1,https://127.0.0.1,http://[::1],https://[::1]")
        List<String> allowedOrigins();

        /** Serve MCP over stdin/stdout instead of HTTP (the {@code stdio} profile sets this). */
        @WithDefault("false")
        boolean stdio();

        /** Text for the client's {@code instructions}, telling a model how to use this server's tools. */
        Optional<String> instructions();

        /** Register the fixture tools the MCP conformance suite calls ({@code test_simple_text}, ...). */
        @WithDefault("false")
        boolean conformanceFixtures();

        /**
         * How long the whole of a truncated MCP tool result stays readable as {@code toolgate://results/<id>} by the
         * principal that called the tool.
         */
        @WithDefault("1h")
        Duration resultLinkTtl();

        /** Truncated results larger than this (bytes of JSON text) are not kept, and get no link. */
        @WithDefault("8388608")
        long resultLinkMaxBytes();
    }

    Prompts prompts();

    /** MCP prompts defined as files (docs/resources-prompts.md). */
    interface Prompts {
        /** Folder of prompt files (*.yaml, *.yml, *.json), one prompt per file; an absent folder defines none. */
        @WithDefault("prompts")
        String folder();

        /** How often the folder is checked for added, changed and removed files; 0 loads it once. */
        @WithDefault("2s")
        Duration reloadInterval();

        /** Also serve the example prompts shipped on the class path ({@link #exampleFiles()}). */
        @WithDefault("true")
        boolean examples();

        /** Example prompt files under {@code prompts/} on the class path; the standalone server ships the shop's. */
        Optional<List<String>> exampleFiles();
    }

    Completions completions();

    /** MCP completions (completion/complete) beyond prompt arguments' own values. */
    interface Completions {
        /**
         * Named completers for tool parameters, by tool and parameter:
         * {@code toolgate.completions.tools."lookup_customer"."customer_id"=customer_ids}.
         */
        Map<String, Map<String, String>> tools();
    }

    enum SessionMode {
        REQUIRED, OPTIONAL, NONE
    }

    Declarative declarative();

    Workflows workflows();

    interface Workflows {
        /**
         * Serve the {@code run_workflow} tool: a whole workflow run as one tool call, its approvals put to the person
         * through the MCP client. Off unless asked for: an application's model sees only the application's tools.
         */
        @WithDefault("false")
        boolean runTool();

        /** Folder of workflow definition files (*.yaml, *.yml, *.json) loaded at start-up; absent = none. */
        @WithDefault("workflows")
        String folder();

        /** Also load the example workflows shipped on the class path ({@link #exampleFiles()}). */
        @WithDefault("true")
        boolean examples();

        /** Example workflow files under {@code workflows/} on the class path; the standalone server ships three. */
        Optional<List<String>> exampleFiles();

        /** Most steps one definition may have. */
        @WithDefault("50")
        int maxDefinitionSteps();

        /** Most step executions (retries included) in one run; the run fails when it would need more. */
        @WithDefault("100")
        int maxSteps();

        /** Attempts of an {@code on_error: retry} step unless the step says {@code retry.max_attempts}. */
        @WithDefault("3")
        int retryAttempts();

        /** First wait before a retry unless the step says {@code retry.backoff}; doubles each attempt. */
        @WithDefault("500ms")
        Duration retryBackoff();

        /** How long a run stays owned by the instance running it without being renewed. */
        @WithDefault("15s")
        Duration lease();

        /** How often an instance looks for runs whose owner's lease expired (crashed or stopped), to continue them. */
        @WithDefault("5s")
        Duration recoveryInterval();

        /** Time the model has to choose the arguments of an {@code arguments: llm} step. */
        @WithDefault("60s")
        Duration modelTimeout();
    }

    interface Declarative {
        /** Folder of HTTP tool definition files (*.yaml, *.yml, *.json); an absent folder defines no tools. */
        @WithDefault("tools")
        String folder();

        /** How often the folder is checked for added, changed and removed files; 0 turns watching off. */
        @WithDefault("2s")
        Duration reloadInterval();

        /** Largest response body an outbound call may return; larger responses fail the call. */
        @WithDefault("1048576")
        int maxResponseBytes();

        /** Redirects followed per call, each checked like the first request. */
        @WithDefault("3")
        int maxRedirects();

        /** OpenAPI 3 documents whose operations become tools, by a name of your choice. */
        Map<String, OpenApiSource> openapi();
    }

    interface OpenApiSource {
        /** A file path, or an http(s) URL fetched once at start-up. */
        String location();

        /** Only operations carrying one of these tags; all when unset. */
        Optional<List<String>> tags();

        /** Only these operations; all when unset. */
        Optional<List<String>> operationIds();

        /** Overrides the document's first {@code servers} URL. */
        Optional<String> baseUrl();

        /** Environment variable holding the secret sent in {@code auth-header}. */
        Optional<String> secretEnv();

        @WithDefault("Authorization")
        String authHeader();

        /** Prefix of the secret in the header; {@code Bearer} when the header is Authorization, none otherwise. */
        Optional<String> authScheme();

        /** Hosts the tools may reach; the base URL's host when unset. */
        Optional<List<String>> allowedHosts();

        @WithDefault("false")
        boolean allowPrivateNetwork();

        /** Prefix of every tool name from this document, e.g. {@code petstore_}. */
        Optional<String> namePrefix();

        Optional<Set<String>> roles();
    }

    Commands commands();

    /** Command tools: programs run as tools (docs/tools.md, "Command tools"). */
    interface Commands {
        /**
         * Absolute paths of the only programs a command tool may run. A definition's executable and its real path
         * (symbolic links resolved) must both be listed; anything else is refused when the file is loaded.
         */
        @WithDefault("/usr/bin/wc,/usr/bin/grep,/usr/bin/sort,/usr/bin/date,/usr/bin/head")
        List<String> allowedExecutables();

        /** The only environment variables a program sees (Toolgate's own environment never reaches it). */
        @WithDefault("PATH=/usr/bin:/bin,LANG=C.UTF-8")
        List<String> environment();

        /** Each call runs in a fresh folder under this one, removed afterwards unless the tool keeps outputs. */
        @WithDefault("./data/commands")
        String workRoot();

        /** Path-typed parameters name files under this folder, confined like {@code read_file}. */
        @WithDefault("./data/files")
        String filesRoot();

        /** Longest single argument a template may produce, in bytes. */
        @WithDefault("8192")
        int maxArgBytes();

        /** Largest whole argument list, in bytes. */
        @WithDefault("131072")
        int maxArgvBytes();

        /** Concurrent calls per command tool unless its file says otherwise. */
        @WithDefault("4")
        int maxConcurrency();

        /** Default CPU time limit of a program (whole seconds, rounded up). */
        @WithDefault("10s")
        Duration cpu();

        /** Default address-space (virtual memory) limit of a program, in MiB. */
        @WithDefault("512")
        long memoryMb();

        /** Default limit on open files of a program. */
        @WithDefault("64")
        int openFiles();

        /** Default limit on the size of any file a program writes, in MiB. */
        @WithDefault("64")
        long fileSizeMb();

        /** Default cap on captured stdout and on captured stderr, each, in bytes. */
        @WithDefault("65536")
        int outputBytes();

        /** util-linux {@code prlimit}, which applies the limits. */
        @WithDefault("/usr/bin/prlimit")
        String prlimit();

        /** util-linux {@code setsid}, which puts the program in a process group of its own. */
        @WithDefault("/usr/bin/setsid")
        String setsid();

        /** bubblewrap, for tools with {@code sandbox: bwrap}. */
        @WithDefault("/usr/bin/bwrap")
        String bwrap();
    }

    Agent agent();

    interface Agent {
        /**
         * Serve {@code POST /v1/chat/completions}. Even when true, the endpoint answers 503 until a model is
         * configured ({@code quarkus.langchain4j.openai.api-key} or {@code .base-url}).
         */
        @WithDefault("true")
        boolean enabled();

        /** Model calls per request when the request does not set {@code max_steps}. */
        @WithDefault("10")
        int maxSteps();

        /** Largest {@code max_steps} a request may ask for. */
        @WithDefault("50")
        int maxStepsLimit();

        /** The whole loop (model calls and tool calls) must finish within this, or the request gets 504. */
        @WithDefault("120s")
        Duration deadline();
    }
}

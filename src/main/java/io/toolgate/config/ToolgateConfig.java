package io.toolgate.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every {@code toolgate.*} setting; the README's configuration table mirrors this interface. */
@ConfigMapping(prefix = "toolgate")
public interface ToolgateConfig {

    Defaults defaults();

    /** Per-tool overrides, keyed by tool name: {@code toolgate.tools."search_products".timeout=5s}. */
    Map<String, ToolOverride> tools();

    Lint lint();

    History history();

    Limits limits();

    Demo demo();

    Mcp mcp();

    /**
     * Where the embedded database lives (read by the datasource URL in application.properties). Mapped here so that
     * {@code -Dtoolgate.data-dir=...} passes config validation, which rejects unknown {@code toolgate.*} keys.
     */
    @WithDefault("./data")
    String dataDir();

    interface Defaults {
        /** Timeout of a tool call when neither the annotation nor a per-tool override sets one. */
        @WithDefault("30s")
        Duration timeout();

        /** Concurrent calls per tool before further calls are rejected with BUSY. */
        @WithDefault("64")
        int maxConcurrency();
    }

    interface ToolOverride {
        Optional<Duration> timeout();

        Optional<Integer> maxConcurrency();
    }

    interface Lint {
        /** Fail start-up on schema lint violations instead of logging warnings. */
        @WithDefault("false")
        boolean strict();
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
    }

    interface Demo {
        /** Register the demo shop tools. */
        @WithDefault("true")
        boolean enabled();
    }

    interface Mcp {
        /** Tools per {@code tools/list} page. */
        @WithDefault("50")
        int pageSize();

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
    }

    enum SessionMode {
        REQUIRED, OPTIONAL, NONE
    }
}

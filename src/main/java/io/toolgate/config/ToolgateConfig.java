package io.toolgate.config;

import java.time.Duration;
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
}

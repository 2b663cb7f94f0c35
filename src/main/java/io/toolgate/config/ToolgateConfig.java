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

        /** Retries of a transient failure, for tools marked idempotent only. */
        @WithDefault("2")
        int retries();

        /** Delay before the first retry; each further retry waits twice as long. */
        @WithDefault("100ms")
        Duration retryDelay();

        CircuitBreaker circuitBreaker();
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

    interface Demo {
        /** Register the demo shop tools. */
        @WithDefault("true")
        boolean enabled();

        /** Also register the trivial tools the benchmarks call (add_numbers, simulate_latency). */
        @WithDefault("false")
        boolean benchmarkTools();

        /** The only directory read_file reads from; created and seeded with sample documents at start-up. */
        @WithDefault("./data/files")
        String filesRoot();

        /** Largest file read_file returns, in bytes; larger files are refused rather than cut. */
        @WithDefault("262144")
        int maxFileBytes();

        /** Most rows execute_sql_query and query_database return; further rows are dropped and reported. */
        @WithDefault("100")
        int sqlMaxRows();

        /** The database cancels an execute_sql_query statement running longer than this (whole seconds). */
        @WithDefault("5s")
        Duration sqlStatementTimeout();
    }
}

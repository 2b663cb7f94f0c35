package io.toolgate.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The demo shop toolset's settings ({@code toolgate.demo.*}): the standalone server's, not the extension's. */
@ConfigMapping(prefix = "toolgate.demo")
public interface DemoConfig {

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

    /** Open-Meteo-compatible forecast API that {@code get_weather} calls ({@code /v1/forecast}). */
    @WithDefault("https://api.open-meteo.com")
    String weatherBaseUrl();

    /** Open-Meteo-compatible geocoding API that turns a place name into coordinates ({@code /v1/search}). */
    @WithDefault("https://geocoding-api.open-meteo.com")
    String geocodingBaseUrl();

    /** Reach private-network addresses from the weather tool (only for a local stub or mirror). */
    @WithDefault("false")
    boolean weatherAllowPrivateNetwork();

    /**
     * Programs {@code execute_command} offers (absolute paths, each also on
     * {@code toolgate.commands.allowed-executables}); the tool is not served when empty.
     */
    @WithDefault("/usr/bin/wc,/usr/bin/grep,/usr/bin/sort,/usr/bin/date,/usr/bin/head")
    List<String> commands();

    /** {@code none} or {@code bwrap}: how {@code execute_command} runs its programs. */
    @WithDefault("none")
    String commandSandbox();

    /** Largest amount charge_payment accepts in one payment; larger charges are refused. */
    @WithDefault("5000")
    BigDecimal paymentLimit();

    /**
     * charge_payment asks the person behind an MCP client to confirm a charge over this amount (elicitation);
     * where the client cannot ask anyone, the charge goes ahead as it always did.
     */
    @WithDefault("1000")
    BigDecimal paymentConfirmationAbove();

    /** The services {@code call_external_api} may call, by the name the model picks. */
    Map<String, ExternalService> services();

    interface ExternalService {
        /** Every call goes to a path under this URL; its host is the only host the service may reach. */
        String baseUrl();

        /** Environment variable holding the service's secret; read at call time, never logged or returned. */
        Optional<String> secretEnv();

        @WithDefault("Authorization")
        String authHeader();

        /** Prefix of the secret in the header; {@code Bearer} when the header is Authorization, none otherwise. */
        Optional<String> authScheme();

        /** GET sends {@code params} as the query string; other methods send them as a JSON body. */
        @WithDefault("GET")
        String method();

        /** One sentence the model reads to choose the service. */
        Optional<String> description();

        @WithDefault("false")
        boolean allowPrivateNetwork();
    }
}

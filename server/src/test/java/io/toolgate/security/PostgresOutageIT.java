package io.toolgate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.toolgate.workflow.ToolgateProcess;

/**
 * A PostgreSQL outage under load, on a PostgreSQL server this test starts itself (its own data folder and port,
 * never the machine's shared server): while it is down, calls answer within seconds (503, never 500), readiness says
 * DOWN; once it is back, calls succeed again and every call that was answered as a success has its audit record.
 */
class PostgresOutageIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ToolgateProcess server;
    private PrivatePostgres postgres;

    @AfterEach
    void cleanUp() throws Exception {
        if (server != null) {
            server.killIfAlive();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    /** Answer of one call: status and how long it took. */
    /** @param started System.nanoTime() when the call was sent */
    private record Answer(String key, int status, long millis, String body, long started) {
    }

    @Test
    void anOutageIsVisibleAndBoundedAndNothingAnsweredIsLost() throws Exception {
        Path bin = PrivatePostgres.binaries();
        assumeTrue(bin != null, "no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql");
        Path dir = Files.createTempDirectory("toolgate-pg-outage");
        postgres = PrivatePostgres.create(bin, dir.resolve("pg"));
        postgres.start();
        Files.createDirectories(dir.resolve("workflows"));
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.port + "/postgres";
        server = ToolgateProcess.launch(dir, "outage", "-Dquarkus.profile=postgres",
                "-Dquarkus.datasource.postgresql.jdbc.url=" + url + "?currentSchema=toolgate",
                // Waiting for a pooled connection is what bounds a call during the outage.
                "-Dquarkus.datasource.postgresql.jdbc.acquisition-timeout=2s");

        List<Answer> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean go = new AtomicBoolean(true);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            int caller = t;
            callers.submit(() -> {
                for (int i = 0; go.get(); i++) {
                    boolean charge = (caller + i) % 2 == 0;
                    String key = "outage-" + caller + "-" + i;
                    String body = charge ? "{\"customer_id\":12345,\"amount\":2.5,\"idempotency_key\":\"" + key + "\"}"
                            : "{\"query\":\"laptop\"}";
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> r = server.post(charge ? "/tools/charge_payment/invoke"
                                : "/tools/search_products/invoke", body);
                        answers.add(new Answer(charge ? key : null, r.statusCode(),
                                (System.nanoTime() - start) / 1_000_000, r.body(), start));
                    } catch (Exception e) {
                        answers.add(new Answer(key, -1, (System.nanoTime() - start) / 1_000_000, e.toString(),
                                start));
                    }
                }
            });
        }
        Thread.sleep(3_000);
        int before = answers.size();
        long stoppedAt = System.nanoTime();
        postgres.stopImmediately();
        Thread.sleep(2_000);
        int readyDuring = status("/q/health/ready");
        Thread.sleep(6_000);
        int during = answers.size();
        long restartedAt = System.nanoTime();
        postgres.start();
        long recoveredBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (status("/q/health/ready") != 200 && System.nanoTime() < recoveredBy) {
            Thread.sleep(500);
        }
        int readyAfter = status("/q/health/ready");
        Thread.sleep(4_000);
        go.set(false);
        callers.shutdown();
        assertThat(callers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        List<Answer> all = new ArrayList<>(answers);
        assertThat(readyDuring).as("readiness during the outage").isEqualTo(503);
        assertThat(readyAfter).as("readiness after it").isEqualTo(200);
        assertThat(all.subList(0, before)).as("before the outage").allMatch(a -> a.status() == 200);
        // The calls sent while the database was down, by when they were sent, not when they were answered: on a slow
        // host a call refused after the audit write timeout is answered after the window closes.
        List<Answer> outage = all.stream().filter(a -> a.started() > stoppedAt && a.started() < restartedAt)
                .toList();
        assertThat(outage).as("answers during the outage").isNotEmpty()
                .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(200, 503))
                .anyMatch(a -> a.status() == 503);
        assertThat(all).as("no answer took longer than the write timeout and a pool wait")
                .allSatisfy(a -> assertThat(a.millis()).as(a.toString()).isLessThan(12_000));
        assertThat(all.subList(during, all.size())).as("after the outage").anyMatch(a -> a.status() == 200);
        System.out.printf("PostgresOutageIT: %d answers before, %d during (%d of them 503), %d after%n", before,
                outage.size(), outage.stream().filter(a -> a.status() == 503).count(), all.size() - during);

        server.stop();
        Map<String, Boolean> completed = new ConcurrentHashMap<>();
        try (Connection c = DriverManager.getConnection(url + "?currentSchema=toolgate", "postgres", "");
                ResultSet rs = c.createStatement().executeQuery("SELECT arguments, success FROM audit_log"
                        + " WHERE tool = 'charge_payment' AND phase = 'completed'")) {
            while (rs.next()) {
                String args = rs.getString(1);
                int at = args.indexOf("outage-");
                if (at >= 0) {
                    completed.put(args.substring(at, args.indexOf('"', at)), rs.getBoolean(2));
                }
            }
        }
        for (Answer a : all) {
            if (a.key() != null && a.status() == 200) {
                assertThat(completed.get(a.key())).as("completed audit row of charge " + a.key()).isTrue();
            }
        }
    }

    /**
     * Migrating beside start-up (the server's default, toolgate.database.migrate-beside-start-up) with the database
     * not there yet: the server lists its tools at once, is not ready, answers what needs a table with 503 within the
     * migration wait, and migrates, becomes ready and serves those calls once the database comes.
     */
    @Test
    void aServerStartedBeforeItsDatabaseMigratesWhenTheDatabaseComes() throws Exception {
        Path bin = PrivatePostgres.binaries();
        assumeTrue(bin != null, "no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql");
        Path dir = Files.createTempDirectory("toolgate-pg-late");
        postgres = PrivatePostgres.create(bin, dir.resolve("pg")); // made, not started
        Files.createDirectories(dir.resolve("workflows"));
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.port + "/postgres";
        server = ToolgateProcess.launch(dir, "late", "-Dquarkus.profile=postgres",
                "-Dquarkus.datasource.postgresql.jdbc.url=" + url + "?currentSchema=toolgate",
                "-Dquarkus.datasource.postgresql.jdbc.acquisition-timeout=2s",
                "-Dtoolgate.database.migration-wait=2s");

        assertThat(status("/q/health/ready")).as("readiness before the database is there").isEqualTo(503);
        long sent = System.nanoTime();
        HttpResponse<String> early = server.post("/tools/search_products/invoke", "{\"query\":\"laptop\"}");
        assertThat(early.statusCode()).as(early.body()).isEqualTo(503);
        assertThat(early.body()).contains("DATABASE_UNAVAILABLE");
        assertThat((System.nanoTime() - sent) / 1_000_000).as("ms to answer").isLessThan(10_000);

        postgres.start();
        long readyBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (status("/q/health/ready") != 200 && System.nanoTime() < readyBy) {
            Thread.sleep(500);
        }
        assertThat(status("/q/health/ready")).as("readiness once the database came").isEqualTo(200);
        HttpResponse<String> late = server.post("/tools/search_products/invoke", "{\"query\":\"laptop\"}");
        assertThat(late.statusCode()).as(late.body()).isEqualTo(200);
        assertThat(Files.readString(server.log())).contains("migrating again");
    }

    private int status(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A PostgreSQL server of this test only: its own data folder, socket folder and port. */
    static final class PrivatePostgres {
        final Path bin;
        final Path data;
        final int port;

        private PrivatePostgres(Path bin, Path data, int port) {
            this.bin = bin;
            this.data = data;
            this.port = port;
        }

        static Path binaries() throws Exception {
            Path root = Path.of("/usr/lib/postgresql");
            if (!Files.isDirectory(root)) {
                return null;
            }
            try (Stream<Path> versions = Files.list(root)) {
                return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(java.util.Comparator.naturalOrder()).orElse(null);
            }
        }

        static PrivatePostgres create(Path bin, Path data) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Files.createDirectories(data.getParent());
            PrivatePostgres pg = new PrivatePostgres(bin, data, port);
            if (root()) {
                // initdb refuses to run as root: the folder becomes the postgres user's.
                run(List.of("chown", "-R", "postgres", data.getParent().toString()));
            }
            pg.pg("initdb", "-D", data.toString(), "-A", "trust", "-U", "postgres", "--no-sync");
            return pg;
        }

        void start() throws Exception {
            pg("pg_ctl", "-D", data.toString(), "-l", data.getParent().resolve("postgres.log").toString(), "-w",
                    "-o", "-p " + port + " -k " + data.getParent() + " -c listen_addresses=127.0.0.1 -c fsync=off",
                    "start");
        }

        /** As a crash of the database: no checkpoint, every connection cut. */
        void stopImmediately() throws Exception {
            pg("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
        }

        void stop() throws Exception {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                pg("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop");
            }
        }

        private void pg(String program, String... args) throws Exception {
            List<String> command = new ArrayList<>();
            if (root()) {
                command.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            command.add(bin.resolve(program).toString());
            command.addAll(List.of(args));
            run(command);
        }

        private static boolean root() {
            return "root".equals(System.getProperty("user.name"));
        }

        private static void run(List<String> command) throws Exception {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(command + ": " + out).isZero();
        }
    }
}

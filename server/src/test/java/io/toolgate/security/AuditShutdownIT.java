package io.toolgate.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.toolgate.workflow.ToolgateProcess;

/**
 * A normal stop right after the last call loses no audit row, against the packaged jar on its embedded H2 file.
 * H2 closes a database from a JVM shutdown hook of its own unless the URL says DB_CLOSE_ON_EXIT=FALSE, and shutdown
 * hooks run concurrently: a native build of Toolgate showed it, with the last record's insert failing ("Database is
 * already closed"), retried until the 30 s drain limit, and lost.
 */
class AuditShutdownIT {

    private ToolgateProcess server;

    @AfterEach
    void killLeftovers() throws InterruptedException {
        if (server != null) {
            server.killIfAlive();
        }
    }

    @Test
    void everyCallAnsweredBeforeAStopHasItsAuditRowAndTheStopIsQuick() throws Exception {
        Path dir = Files.createTempDirectory("toolgate-audit-stop");
        Files.createDirectories(dir.resolve("workflows"));
        server = ToolgateProcess.start(dir, "audit-stop", "order_fulfillment");
        int calls = 50;
        for (int i = 0; i < calls; i++) {
            assertThat(server.post("/tools/add_numbers/invoke", "{\"a\":" + i + ",\"b\":1,\"c\":0}").statusCode())
                    .isEqualTo(200);
        }
        long stopping = System.nanoTime();
        server.stop();
        assertThat((System.nanoTime() - stopping) / 1_000_000).as("ms to stop (the drain gives up after 30 s)")
                .isLessThan(15_000);
        String log = Files.readString(dir.resolve("audit-stop.log"));
        assertThat(log).doesNotContain("audit records failed");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("data/toolgate")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT COUNT(*) FROM audit_log WHERE tool = 'add_numbers' AND success")) {
            rs.next();
            assertThat(rs.getInt(1)).as("audit rows of the answered calls").isEqualTo(calls);
        }
    }
}

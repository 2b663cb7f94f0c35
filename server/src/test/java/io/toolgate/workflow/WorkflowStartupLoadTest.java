package io.toolgate.workflow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Definitions load after start-up (at the first maintenance tick, or at the first workflow request if that comes
 * sooner), not before the server answers, and the workflow endpoints wait for them. The folder
 * holds a named pipe, so the load stays stuck on reading it until this test writes the definition into it: the
 * server must have started all the same, and a request made meanwhile must wait and then see that definition.
 */
@QuarkusTest
@TestProfile(WorkflowStartupLoadTest.FolderWithPipe.class)
class WorkflowStartupLoadTest {

    static final Path FOLDER = Path.of("target", "startup-load-workflows");
    static final Path PIPE = FOLDER.resolve("late_arrival.yaml");
    // Not the common pool: on two cores it has one thread, which the waiting request would hold, and the writer
    // that ends the wait would never run.
    static final java.util.concurrent.Executor OWN_THREAD = task -> new Thread(task, "startup-load-test").start();

    public static class FolderWithPipe implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(FOLDER);
                Files.deleteIfExists(PIPE);
                int exit = new ProcessBuilder("mkfifo", PIPE.toString()).inheritIO().start().waitFor();
                if (exit != 0) {
                    throw new IllegalStateException("mkfifo failed with " + exit);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return Map.of("toolgate.workflows.folder", FOLDER.toString(),
                    "quarkus.datasource.jdbc.url", "jdbc:h2:mem:startupload;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
                            + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        }
    }

    @Test
    void aRequestDuringTheLoadWaitsForItAndSeesEveryDefinition() throws Exception {
        // The server answers tools while the workflow folder is still being read.
        given().get("/tools").then().statusCode(200);
        CompletableFuture<List<String>> names = CompletableFuture.supplyAsync(
                () -> given().get("/workflows").then().statusCode(200).extract().path("workflows.name"), OWN_THREAD);
        try {
            Thread.sleep(1_000);
            assertThat(names).as("GET /workflows answered before the definitions were loaded").isNotDone();
        } finally {
            release();
        }
        assertThat(names.get(20, TimeUnit.SECONDS)).contains("late_arrival")
                .containsAll(List.of("order_fulfillment.yaml", "order_with_approval.yaml", "order_from_request.yaml").stream().map(f -> f.replace(".yaml", "")).toList());
        given().get("/workflows/late_arrival").then().statusCode(200);
    }

    /** Writes the definition into the pipe; opening it for writing meets the loader's read, closing ends the file. */
    private static void release() throws Exception {
        CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
            try {
                Files.writeString(PIPE, """
                        name: late_arrival
                        steps:
                          - name: tax
                            tool: calculate_tax
                            arguments:
                              amount: 100
                              state: CA
                        """);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, OWN_THREAD);
        try {
            written.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // Nobody reads the pipe: open it ourselves so the writer thread is not left blocked, then fail.
            try (var reader = Files.newInputStream(PIPE)) {
                reader.readAllBytes();
            }
            throw new AssertionError("the workflow loader never read the folder's pipe", e);
        }
    }
}

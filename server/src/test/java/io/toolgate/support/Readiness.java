package io.toolgate.support;

import static io.restassured.RestAssured.given;

/**
 * Waits for {@code /q/health/ready}: the server migrates its database beside start-up
 * ({@code toolgate.database.migrate-beside-start-up}), so right after start it answers its tools but is not ready yet.
 */
public final class Readiness {

    private Readiness() {
    }

    public static void await() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (given().get("/q/health/ready").statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not ready within 60 s: " + given().get("/q/health/ready").asString());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

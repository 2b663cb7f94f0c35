package io.toolgate.deployment;

/** The failure a build step threw, found inside the wrapping the build chain and the test harness add. */
final class BuildFailures {

    private BuildFailures() {
    }

    static Throwable causeOf(Throwable failure, Class<? extends Throwable> type) {
        Throwable cause = failure;
        while (cause.getCause() != null && !type.isInstance(cause)) {
            cause = cause.getCause();
        }
        return cause;
    }
}

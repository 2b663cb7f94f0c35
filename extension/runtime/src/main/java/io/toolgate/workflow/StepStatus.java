package io.toolgate.workflow;

import java.util.Locale;

/** Where one step of a run is. */
public enum StepStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StepStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** Done for scheduling: dependents may be decided. */
    public boolean settled() {
        return this == SUCCEEDED || this == FAILED || this == SKIPPED;
    }
}

package io.toolgate.workflow;

import java.util.Locale;

/** Where a run is; the lower-case name is what the API shows and the database stores. */
public enum RunState {
    STARTED, IN_PROGRESS, WAITING_FOR_INPUT, COMPLETED, FAILED, CANCELLED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunState of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}

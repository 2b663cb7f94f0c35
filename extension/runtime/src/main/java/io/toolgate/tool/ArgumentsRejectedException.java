package io.toolgate.tool;

import java.util.List;

import io.toolgate.invoke.FieldError;

/** Thrown by {@link ToolExecutor#prepare} when bound arguments break a rule; carries every violation at once. */
public class ArgumentsRejectedException extends Exception {

    private final List<FieldError> violations;

    public ArgumentsRejectedException(List<FieldError> violations) {
        super(violations.size() + " argument(s) rejected", null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<FieldError> violations() {
        return violations;
    }
}

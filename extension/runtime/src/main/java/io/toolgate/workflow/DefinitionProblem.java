package io.toolgate.workflow;

/**
 * One thing wrong with a workflow definition: which step (null for the definition itself), which field, what.
 *
 * @param kind a stable word a client can switch on: {@code cycle}, {@code unknown_tool}, {@code missing_dependency},
 *             {@code bad_condition}, {@code bad_template}, {@code duplicate_step}, {@code invalid_field},
 *             {@code too_many_steps}, {@code syntax}
 */
public record DefinitionProblem(String kind, String step, String field, String message) {
}

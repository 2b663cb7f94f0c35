package io.toolgate.invoke;

/**
 * A request body that did not parse, carried into the pipeline instead of arguments: its parse stage answers with
 * the reason, so the refused call is in the history and the audit log like any other. Only the size is kept; text
 * that never parsed cannot be redacted.
 */
public record UnreadableArguments(int bytes, JsonReading.Rejected reason) {
}

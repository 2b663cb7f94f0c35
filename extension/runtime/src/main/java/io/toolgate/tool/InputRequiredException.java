package io.toolgate.tool;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Ends a call that needs answers from the client before it can go on (MCP 2026-07-28's input-required result). A
 * {@link ToolException}, so the fault-tolerance guard neither retries it nor counts it as a failure.
 */
public final class InputRequiredException extends ToolException {

    private final transient Map<String, ObjectNode> questions;

    public InputRequiredException(Map<String, ObjectNode> questions) {
        super("The client must answer " + questions.keySet() + " before this call can go on");
        this.questions = Map.copyOf(questions);
    }

    public Map<String, ObjectNode> questions() {
        return questions;
    }
}

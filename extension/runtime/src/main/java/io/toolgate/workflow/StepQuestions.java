package io.toolgate.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a waiting workflow step asks an MCP client, and how the client's answer becomes the step's input: an
 * approval is a form a person fills in (elicitation), arguments are a model's completion (sampling) read as JSON.
 */
final class StepQuestions {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_TOKENS = 1000;

    /** The input for {@link WorkflowEngine#input}. */
    record Input(boolean approved, ObjectNode data) {
    }

    private StepQuestions() {
    }

    /** {@code elicitation/create} params asking a person to approve or reject the step. */
    static ObjectNode approve(RunRecord run, ObjectNode request) {
        String step = request.path("step").asText();
        StringBuilder message = new StringBuilder("Workflow ").append(run.workflow).append(" (run ").append(run.id)
                .append(") waits for your approval of step ").append(step).append(": ")
                .append(request.path("tool").asText());
        if (request.has("arguments")) {
            message.append(" with ").append(request.get("arguments"));
        }
        ObjectNode params = JSON.objectNode().put("message", message.append('.').toString());
        ObjectNode schema = params.putObject("requestedSchema").put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("approved").put("type", "boolean").put("title", "Approve " + step)
                .put("description", "Yes runs the step; no rejects it, and the run fails");
        properties.putObject("note").put("type", "string").put("title", "Note")
                .put("description", "Kept with the approval: why, or anything the record should say");
        schema.putArray("required").add("approved");
        return params;
    }

    /**
     * An elicitation answer as step input: accept with a choice approves or rejects, decline rejects; null for a
     * dismissed form (cancel) or an answer without a choice, which leaves the run waiting.
     */
    static Input approval(JsonNode answer) {
        String action = answer == null ? "" : answer.path("action").asText();
        ObjectNode data = JSON.objectNode();
        JsonNode note = answer == null ? null : answer.path("content").get("note");
        if ("decline".equals(action)) {
            data.put("reason", "declined in the MCP client");
            return new Input(false, data);
        }
        JsonNode approved = answer == null ? null : answer.path("content").get("approved");
        if (!"accept".equals(action) || approved == null || !approved.isBoolean()) {
            return null;
        }
        if (note != null && note.isTextual() && !note.asText().isBlank()) {
            data.put(approved.asBoolean() ? "note" : "reason", note.asText());
        }
        data.put("via", "mcp elicitation");
        return new Input(approved.asBoolean(), data);
    }

    /** {@code sampling/createMessage} params asking the client's model for the step's arguments. */
    static ObjectNode chooseArguments(ObjectNode request) {
        String prompt = request.path("prompt").asText()
                + "\n\nReply with only a JSON object: the arguments for tool '" + request.path("tool").asText()
                + "', valid against this JSON Schema: " + request.path("input_schema");
        ObjectNode params = JSON.objectNode();
        params.putArray("messages").addObject().put("role", "user").putObject("content").put("type", "text")
                .put("text", prompt);
        params.put("systemPrompt", "You choose the arguments of one tool call in a workflow. Answer with a single"
                + " JSON object and nothing else.");
        params.put("maxTokens", MAX_TOKENS);
        return params;
    }

    /**
     * A sampling answer as step input: the JSON object in the model's text (code fences and prose around it are
     * tolerated). Text without one rejects the step, saying what came back.
     */
    static Input arguments(JsonNode answer) {
        String text = text(answer == null ? null : answer.get("content"));
        ObjectNode data = JSON.objectNode();
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        if (start >= 0 && end > start) {
            try {
                JsonNode parsed = WorkflowStore.JSON.readTree(text.substring(start, end + 1));
                if (parsed.isObject()) {
                    data.set("arguments", parsed);
                    data.put("via", "mcp sampling");
                    if (answer.hasNonNull("model")) {
                        data.put("model", answer.get("model").asText());
                    }
                    return new Input(true, data);
                }
            } catch (java.io.IOException notJson) {
                // falls through to the rejection below
            }
        }
        String excerpt = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        data.put("reason", "the client's model did not answer with a JSON object of arguments: \"" + excerpt + "\"");
        return new Input(false, data);
    }

    /** The text of a sampling result's content: one block, or (2025-11-25) a list of blocks. */
    private static String text(JsonNode content) {
        if (content == null) {
            return "";
        }
        if (content.isArray()) {
            StringBuilder all = new StringBuilder();
            content.forEach(block -> all.append(block.path("text").asText("")));
            return all.toString();
        }
        return content.path("text").asText("");
    }
}

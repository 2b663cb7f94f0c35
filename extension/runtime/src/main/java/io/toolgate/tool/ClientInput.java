package io.toolgate.tool;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Lets a running tool ask the calling client for something: a person's confirmation or missing data (elicitation),
 * a completion from the client's model (sampling) or the client's roots. How the question travels is the door's
 * business: over MCP's 2025 revisions it is a server-to-client request on the call's stream, under 2026-07-28 the
 * call ends with an input-required result and is run again with the answers; a door that cannot ask anyone (REST,
 * batch, agent) makes {@link #supports} false and every question a {@link ToolException} the model can read.
 *
 * <p>
 * Each question has a key chosen by the tool. A tool may be run again from the start once answers arrive, so it must
 * ask the same questions under the same keys until it has what it needs, and do nothing irreversible before that.
 * A tool that catches {@link ToolException} around a question must let {@link InputRequiredException} through: it is
 * how the question leaves the call under 2026-07-28.
 * Like {@link ToolProgress}, a thread-local keeps tool signatures free of transport types; an asynchronous tool takes
 * {@link #current()} before leaving the calling thread.
 */
public final class ClientInput {

    public static final String ELICITATION = "elicitation";
    public static final String SAMPLING = "sampling";
    public static final String ROOTS = "roots";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** What a door provides: the client's capabilities and a way to get answers to a set of questions. */
    public interface Channel {

        /** Whether the client declared the capability (elicitation, sampling, roots). */
        boolean supports(String capability);

        /**
         * Answers to every question, keyed as asked; questions are {@code {"method": ..., "params": {...}}}.
         *
         * @throws InputRequiredException when the door must end the call and come back with the answers
         */
        Map<String, JsonNode> ask(Map<String, ObjectNode> questions) throws InterruptedException;

        /** A value this call remembered in an earlier round; null when there is none. */
        default JsonNode recall(String key) {
            return null;
        }

        /**
         * Keeps a value for the call's later rounds. Only a door that runs a call again from the start (MCP
         * 2026-07-28) needs to keep anything: elsewhere the call never starts over, and nothing is kept.
         */
        default void remember(String key, JsonNode value) {
        }
    }

    /** Where a door keeps remembered values among the answers; no answer from a client may use such a key. */
    public static final String MEMO_PREFIX = "toolgate.memo/";

    /** The channel of a door that cannot reach a person or the client's model. */
    public static final Channel NONE = new Channel() {
        @Override
        public boolean supports(String capability) {
            return false;
        }

        @Override
        public Map<String, JsonNode> ask(Map<String, ObjectNode> questions) {
            throw new ToolException("This tool needs input from the client (" + String.join(", ", questions.keySet())
                    + "), which this way of calling it cannot provide; call it over MCP from a client that supports"
                    + " elicitation or sampling");
        }
    };

    private static final ThreadLocal<Channel> CURRENT = new ThreadLocal<>();

    private ClientInput() {
    }

    /** The channel of the call running on this thread; {@link #NONE} outside such a call. */
    public static Channel current() {
        Channel channel = CURRENT.get();
        return channel != null ? channel : NONE;
    }

    /** Binds a channel to the current thread for the duration of a call; run the returned action to unbind. */
    public static Runnable bind(Channel channel) {
        Channel previous = CURRENT.get();
        CURRENT.set(channel);
        return previous == null ? CURRENT::remove : () -> CURRENT.set(previous);
    }

    public static boolean supports(String capability) {
        return current().supports(capability);
    }

    /**
     * Fails the call unless the client declared the capability: under 2026-07-28 the client is told which capability
     * is missing (a protocol error), elsewhere the model reads why the tool could not run.
     */
    public static void require(String capability) {
        if (!supports(capability)) {
            throw new ClientCapabilityMissingException(capability);
        }
    }

    /**
     * Asks a person, through the client, to fill in a form. Returns the client's {@code ElicitResult}:
     * {@code {"action": "accept"|"decline"|"cancel", "content": {...}}}.
     *
     * @param requestedSchema a flat object schema of primitive properties (strings, numbers, booleans, enums)
     */
    public static JsonNode elicit(String key, String message, ObjectNode requestedSchema) throws InterruptedException {
        ObjectNode params = JSON.objectNode().put("message", message);
        params.set("requestedSchema", requestedSchema);
        return ask(key, "elicitation/create", params);
    }

    /**
     * Asks the client's model for a completion of one user message. Returns the client's
     * {@code CreateMessageResult} ({@code {"role", "content": {"type": "text", "text"}, "model", ...}}).
     */
    public static JsonNode sample(String key, String prompt, int maxTokens) throws InterruptedException {
        ObjectNode params = JSON.objectNode();
        params.putArray("messages").addObject().put("role", "user").putObject("content").put("type", "text")
                .put("text", prompt);
        params.put("maxTokens", maxTokens);
        return ask(key, "sampling/createMessage", params);
    }

    /** The client's roots ({@code {"roots": [{"uri", "name"}]}}). */
    public static JsonNode roots(String key) throws InterruptedException {
        return ask(key, "roots/list", JSON.objectNode());
    }

    /** One question of any kind the client understands. */
    public static JsonNode ask(String key, String method, ObjectNode params) throws InterruptedException {
        Map<String, ObjectNode> questions = new LinkedHashMap<>();
        questions.put(key, question(method, params));
        return current().ask(questions).get(key);
    }

    /** Several questions at once: the client may answer them together, in one round trip. */
    public static Map<String, JsonNode> askAll(Map<String, ObjectNode> questions) throws InterruptedException {
        return current().ask(questions);
    }

    /**
     * Remembers a value across the rounds of this call: under MCP 2026-07-28 a call that asked a question is run
     * again from the start with the answers, and a tool that did something irreversible before asking (started a
     * workflow run, say) must find it again rather than do it twice. The value travels in the signed request state,
     * so the client can read it but not change it.
     */
    public static void remember(String key, JsonNode value) {
        current().remember(key, value);
    }

    /** What {@link #remember} kept in an earlier round of this call, or null. */
    public static JsonNode recall(String key) {
        return current().recall(key);
    }

    public static ObjectNode question(String method, ObjectNode params) {
        ObjectNode question = JSON.objectNode().put("method", method);
        question.set("params", params);
        return question;
    }

    /** The text of an accepted form's field, or null when the person declined, cancelled or left it out. */
    public static String acceptedText(JsonNode elicitResult, String field) {
        if (elicitResult == null || !"accept".equals(elicitResult.path("action").asText())) {
            return null;
        }
        JsonNode value = elicitResult.path("content").get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

package io.toolgate.mcp;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.tool.ClientCapabilityMissingException;
import io.toolgate.tool.ClientInput;
import io.toolgate.tool.InputRequiredException;
import io.toolgate.tool.ToolException;

/** How a tool's questions ({@link ClientInput}) reach an MCP client, one channel per protocol era. */
final class InputChannels {

    private InputChannels() {
    }

    /** The channel for a call in this context. */
    static ClientInput.Channel of(McpContext context, Map<String, JsonNode> answers, ServerRequests requests,
            Duration timeout) {
        if (context.stateless()) {
            return new Retried(context.capabilities(), answers);
        }
        return context.channel().canSend() ? new Asked(context.capabilities(), context.channel(), requests, timeout)
                : new Unreachable(context.capabilities());
    }

    /** The 2026-07-28 channel for a call that will not become a task. */
    static ClientInput.Channel retried(ClientCapabilities capabilities, Map<String, JsonNode> answers) {
        return new Retried(capabilities, answers);
    }

    static void checkCapabilities(ClientCapabilities capabilities, Map<String, ObjectNode> questions) {
        for (ObjectNode question : questions.values()) {
            String needed = ClientCapabilities.neededBy(question.path("method").asText());
            if (needed != null && !capabilities.has(needed)) {
                throw new ClientCapabilityMissingException(needed);
            }
        }
    }

    /**
     * 2026-07-28: the call ends with the questions not yet answered and is run again with the answers, which arrive
     * in the retry's {@code inputResponses} (and, from earlier rounds, its signed {@code requestState}).
     */
    private record Retried(ClientCapabilities capabilities, Map<String, JsonNode> answers)
            implements ClientInput.Channel {

        @Override
        public boolean supports(String capability) {
            return capabilities.has(capability);
        }

        @Override
        public Map<String, JsonNode> ask(Map<String, ObjectNode> questions) {
            checkCapabilities(capabilities, questions);
            Map<String, ObjectNode> open = new LinkedHashMap<>();
            Map<String, JsonNode> known = new LinkedHashMap<>();
            questions.forEach((key, question) -> {
                JsonNode answer = answers.get(key);
                if (answer != null && answer.isObject()) {
                    known.put(key, answer);
                } else {
                    open.put(key, question);
                }
            });
            if (!open.isEmpty()) {
                throw new InputRequiredException(open);
            }
            return known;
        }

        // Kept among the answers, which the request state seals; the dispatcher refuses client answers so named.
        @Override
        public JsonNode recall(String key) {
            return answers.get(ClientInput.MEMO_PREFIX + key);
        }

        @Override
        public void remember(String key, JsonNode value) {
            answers.put(ClientInput.MEMO_PREFIX + key, value);
        }
    }

    /** 2025 revisions: server-to-client requests on the call's own stream, the tool waiting for the answers. */
    private record Asked(ClientCapabilities capabilities, McpChannel channel, ServerRequests requests,
            Duration timeout) implements ClientInput.Channel {

        @Override
        public boolean supports(String capability) {
            return capabilities.has(capability);
        }

        @Override
        public Map<String, JsonNode> ask(Map<String, ObjectNode> questions) throws InterruptedException {
            checkCapabilities(capabilities, questions);
            Map<String, CompletableFuture<JsonNode>> sent = new LinkedHashMap<>();
            questions.forEach((key, question) -> sent.put(key,
                    requests.send(channel, question.path("method").asText(), question.path("params"))));
            Map<String, JsonNode> answers = new LinkedHashMap<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                for (Map.Entry<String, CompletableFuture<JsonNode>> entry : sent.entrySet()) {
                    long left = Math.max(0, deadline - System.nanoTime());
                    answers.put(entry.getKey(), entry.getValue().get(left, TimeUnit.NANOSECONDS));
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof ToolException t ? t
                        : new ToolException("The client failed to answer: " + e.getCause().getMessage());
            } catch (TimeoutException e) {
                throw new ToolException("The client did not answer " + questions.keySet() + " within "
                        + timeout.toSeconds() + " s");
            } finally {
                sent.values().forEach(answer -> answer.cancel(false));
            }
            return answers;
        }
    }

    /** A 2025 request whose response cannot carry server requests (a batch item, say): questions fail readably. */
    private record Unreachable(ClientCapabilities capabilities) implements ClientInput.Channel {

        @Override
        public boolean supports(String capability) {
            return false;
        }

        @Override
        public Map<String, JsonNode> ask(Map<String, ObjectNode> questions) throws InterruptedException {
            return ClientInput.NONE.ask(questions);
        }
    }
}

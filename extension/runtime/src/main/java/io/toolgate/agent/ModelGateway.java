package io.toolgate.agent;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;

/**
 * The one place that talks to the model: quarkus-langchain4j-openai's chat model, so the standard
 * {@code quarkus.langchain4j.openai.*} settings (and their environment variables) reach OpenAI, Azure OpenAI,
 * Ollama, vLLM or LM Studio. Adds what the loop needs around it: "is a model configured at all", and failures
 * translated into {@link AgentFailure}s that give the upstream status and reason but never the API key.
 */
@ApplicationScoped
class ModelGateway {

    private static final Logger LOG = Logger.getLogger(ModelGateway.class);
    static final String API_KEY = "quarkus.langchain4j.openai.api-key";
    static final String BASE_URL = "quarkus.langchain4j.openai.base-url";
    static final String MAX_RETRIES = "quarkus.langchain4j.openai.max-retries";
    static final String MODEL_NAME = "quarkus.langchain4j.openai.chat-model.model-name";
    /** Placeholders for "no key": the extension's own and the one application.properties sets for start-up. */
    private static final Set<String> PLACEHOLDER_KEYS = Set.of("dummy", "toolgate-no-model-configured");
    private static final String OPENAI_URL = "https://api.openai.com/v1";
    private static final Pattern KEY_LIKE = Pattern.compile("\\b(sk|gsk|xai|key)-[A-Za-z0-9_*\\-]{6,}");
    private static final int MAX_REASON = 300;

    @Inject
    ConfiguredChatModel model;
    @Inject
    Config mpConfig;

    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * A model counts as configured when a real API key is set or the base URL points somewhere other than OpenAI:
     * OpenAI needs the key, local servers (Ollama, vLLM, LM Studio) need only the URL.
     */
    boolean configured() {
        Optional<String> key = mpConfig.getOptionalValue(API_KEY, String.class)
                .filter(k -> !k.isBlank() && !PLACEHOLDER_KEYS.contains(k));
        Optional<String> url = mpConfig.getOptionalValue(BASE_URL, String.class)
                .map(u -> u.strip().replaceAll("/+$", "")).filter(u -> !u.isEmpty() && !OPENAI_URL.equals(u));
        return key.isPresent() || url.isPresent();
    }

    String defaultModelName() {
        return mpConfig.getOptionalValue(MODEL_NAME, String.class).orElse("gpt-4o-mini");
    }

    /**
     * One model call. Retries of 429 and 5xx answers happen inside the client
     * ({@code quarkus.langchain4j.openai.max-retries}, with backoff); what still fails is translated here.
     */
    ChatResponse chat(ChatRequest request, Deadline deadline) {
        if (!configured()) {
            throw notConfigured();
        }
        deadline.check();
        try {
            return model.chat(request);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    static AgentFailure notConfigured() {
        return new AgentFailure(AgentError.MODEL_NOT_CONFIGURED, "No model is configured for the agent endpoint: set "
                + API_KEY + " (OpenAI, Azure OpenAI) and/or " + BASE_URL + " (Ollama, vLLM, LM Studio or another"
                + " OpenAI-compatible server), and " + MODEL_NAME + "; environment variables"
                + " QUARKUS_LANGCHAIN4J_OPENAI_API_KEY, QUARKUS_LANGCHAIN4J_OPENAI_BASE_URL and"
                + " QUARKUS_LANGCHAIN4J_OPENAI_CHAT_MODEL_MODEL_NAME work too");
    }

    /** What went wrong, in words the caller can act on: the upstream status and reason, never a class name. */
    private AgentFailure translate(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                return upstream(http.statusCode(), http.getMessage());
            }
            if (t instanceof WebApplicationException web && web.getResponse() != null) {
                return upstream(web.getResponse().getStatus(), null);
            }
            if (t instanceof IOException || t instanceof dev.langchain4j.exception.TimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                LOG.warnf("The model could not be reached: %s", redact(String.valueOf(t.getMessage())));
                return new AgentFailure(AgentError.MODEL_UNREACHABLE, "The model could not be reached at the"
                        + " configured " + BASE_URL + " (connection failed or timed out)");
            }
        }
        LOG.warnf("The model call failed: %s", redact(String.valueOf(e.getMessage())));
        return new AgentFailure(AgentError.MODEL_ERROR, "The model call failed: " + reason(e.getMessage()));
    }

    private AgentFailure upstream(int status, String body) {
        String reason = reason(body);
        LOG.warnf("The model answered HTTP %d: %s", status, reason);
        return new AgentFailure(AgentError.MODEL_ERROR, "The model answered HTTP " + status
                + (reason.isEmpty() ? "" : ": " + reason) + retried(status));
    }

    private String retried(int status) {
        boolean transientStatus = status == 429 || status == 408 || status >= 500;
        return transientStatus ? " (after " + mpConfig.getOptionalValue(MAX_RETRIES, Integer.class).orElse(1)
                + " retries)" : "";
    }

    /** The provider's {@code error.message} when the body is its JSON error, else the text, cut and redacted. */
    private String reason(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String reason = body.strip();
        try {
            JsonNode tree = mapper.readTree(reason);
            JsonNode message = tree.path("error").path("message");
            if (message.isTextual()) {
                reason = message.asText();
            } else if (tree.path("error").isTextual()) {
                reason = tree.path("error").asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // plain text: keep it as it is
        }
        reason = redact(reason);
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason;
    }

    /** Providers echo (parts of) a rejected key in their messages; neither callers nor logs may see it. */
    private String redact(String text) {
        String out = text;
        Optional<String> key = mpConfig.getOptionalValue(API_KEY, String.class);
        if (key.isPresent() && key.get().length() >= 4) {
            out = out.replace(key.get(), "[redacted]");
        }
        return KEY_LIKE.matcher(out).replaceAll("[redacted]");
    }

}

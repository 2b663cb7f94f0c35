package io.toolgate.declarative;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.toolgate.security.Caller;
import io.toolgate.tool.ArgumentsRejectedException;
import io.toolgate.tool.PreparedCall;
import io.toolgate.tool.ToolException;
import io.toolgate.tool.ToolExecutor;

/**
 * Runs a declarative HTTP tool: builds the request from the arguments (prepare), sends it through the
 * {@link SafeHttpClient} and maps the response (call). Validation, time-outs, retries and audit are the pipeline's;
 * this class adds only what an HTTP call needs: the secret, status handling and keeping the secret out of results.
 */
public final class HttpToolExecutor implements ToolExecutor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ERROR_EXCERPT = 300;

    private final RequestTemplate request;
    private final ResponseMapping response;
    private final OutboundPolicy policy;
    private final String secretEnv;
    private final SafeHttpClient client;
    private final UnaryOperator<String> environment;

    /** @param environment reads an environment variable; {@code System::getenv} outside tests */
    public HttpToolExecutor(RequestTemplate request, ResponseMapping response, OutboundPolicy policy,
            String secretEnv, SafeHttpClient client, UnaryOperator<String> environment) {
        this.request = request;
        this.response = response;
        this.policy = policy;
        this.secretEnv = secretEnv;
        this.client = client;
        this.environment = environment;
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public PreparedCall prepare(ObjectNode arguments, Caller caller) throws ArgumentsRejectedException {
        // Read per call, so that a rotated secret is used without a reload.
        String secret = secretEnv == null ? null : environment.apply(secretEnv);
        if (secretEnv != null && (secret == null || secret.isBlank())) {
            return () -> {
                throw new ToolException("this tool's credentials are not configured on the server");
            };
        }
        OutboundRequest outbound = request.build(arguments, secret);
        return () -> map(client.send(outbound, policy), secret);
    }

    private JsonNode map(OutboundResponse r, String secret) {
        String host = request.host();
        if (r.status() == 429 || r.status() >= 500) {
            throw new UpstreamFailureException(host + " answered HTTP " + r.status() + excerpt(r, secret));
        }
        if (r.status() >= 400) {
            throw new ToolException(host + " answered HTTP " + r.status() + excerpt(r, secret));
        }
        if (r.status() >= 300) {
            throw new ToolException(host + " answered HTTP " + r.status() + " without a usable redirect");
        }
        if (r.body().length == 0) {
            return TextNode.valueOf("HTTP " + r.status() + " (no content)");
        }
        String body = scrub(new String(r.body(), StandardCharsets.UTF_8), secret);
        JsonNode document;
        try {
            document = JSON.readTree(body);
        } catch (IOException notJson) {
            if (response != ResponseMapping.WHOLE) {
                throw new ToolException(host + " did not answer with JSON, so its response cannot be mapped");
            }
            return TextNode.valueOf(body);
        }
        return response.apply(document);
    }

    private static String excerpt(OutboundResponse r, String secret) {
        if (r.body().length == 0) {
            return "";
        }
        String text = scrub(new String(r.body(), StandardCharsets.UTF_8), secret).strip();
        return ": " + (text.length() > ERROR_EXCERPT ? text.substring(0, ERROR_EXCERPT) + "..." : text);
    }

    /** A service that echoes its request must not hand the secret to the model. */
    static String scrub(String text, String secret) {
        return secret == null || secret.isEmpty() ? text : text.replace(secret, "[redacted]");
    }
}

package io.toolgate.declarative;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import io.toolgate.invoke.ErrorCode;
import io.toolgate.tool.CodedToolException;
import io.toolgate.tool.ToolException;

/**
 * What the model gets from an HTTP response. 2xx: the mapped JSON (or the text, when unmapped and not JSON). 4xx: a
 * ToolException quoting the start of the answer, which usually says what was wrong with the request. 429 and 5xx:
 * an {@link UpstreamFailureException}, retried for idempotent tools. The secret is cut out of everything, in case the
 * service echoes the request.
 */
public final class HttpResults {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ERROR_EXCERPT = 300;

    private HttpResults() {
    }

    public static JsonNode read(OutboundResponse r, String host, String secret, ResponseMapping mapping) {
        if (r.status() == 429 || r.status() >= 500) {
            throw new UpstreamFailureException(host + " answered HTTP " + r.status() + excerpt(r, secret));
        }
        if (r.status() == 401 || r.status() == 403 || r.status() == 407) {
            // The server's credentials for the service, not the caller's arguments: the service's side, but asking
            // again with the same credentials cannot help, so not an UpstreamFailureException (retried, counted).
            throw new CodedToolException(ErrorCode.UPSTREAM_ERROR, host + " answered HTTP " + r.status()
                    + excerpt(r, secret));
        }
        if (r.status() >= 400) {
            throw new ToolException(host + " answered HTTP " + r.status() + excerpt(r, secret));
        }
        if (r.status() >= 300 || r.status() < 200) {
            throw new ToolException(host + " answered HTTP " + r.status() + ", which this tool cannot use");
        }
        if (r.body().length == 0) {
            return TextNode.valueOf("HTTP " + r.status() + " (no content)");
        }
        String body = scrub(new String(r.body(), StandardCharsets.UTF_8), secret);
        JsonNode document;
        try {
            document = JSON.readTree(body);
        } catch (IOException notJson) {
            if (mapping != ResponseMapping.WHOLE) {
                throw new ToolException(host + " did not answer with JSON, so its response cannot be mapped");
            }
            return TextNode.valueOf(body);
        }
        return mapping.apply(document);
    }

    private static String excerpt(OutboundResponse r, String secret) {
        if (r.body().length == 0) {
            return "";
        }
        String text = scrub(new String(r.body(), StandardCharsets.UTF_8), secret).strip();
        return ": " + (text.length() > ERROR_EXCERPT ? text.substring(0, ERROR_EXCERPT) + "..." : text);
    }

    static String scrub(String text, String secret) {
        return secret == null || secret.isEmpty() ? text : text.replace(secret, "[redacted]");
    }
}

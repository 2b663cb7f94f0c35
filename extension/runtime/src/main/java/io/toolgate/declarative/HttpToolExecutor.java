package io.toolgate.declarative;

import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.node.ObjectNode;

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
        return () -> HttpResults.read(client.send(outbound, policy), request.host(), secret, response);
    }

}

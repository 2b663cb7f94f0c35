package io.toolgate.gateway;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.invoke.FieldError;
import io.toolgate.mcp.RoutingHeaders;
import io.toolgate.security.Caller;
import io.toolgate.tool.ArgumentSchema;
import io.toolgate.tool.PreparedCall;
import io.toolgate.tool.ToolExecutor;
import io.toolgate.tool.ToolResultError;
import io.toolgate.tool.UpstreamException;

/**
 * Runs one upstream tool: forwards the arguments the pipeline has already checked against the schema the upstream
 * publishes, under the upstream's own name, and returns its {@code CallToolResult} as it came (the MCP door passes it
 * on unchanged, see {@link #answersWithCallToolResult}). An {@code isError} result becomes
 * {@link ToolResultError}, carrying the result, so the pipeline counts it as a failed call.
 */
final class UpstreamToolExecutor implements ToolExecutor {

    private static final Duration BACKSTOP_GRACE = Duration.ofSeconds(5);

    private final UpstreamClient client;
    private final String upstreamName;
    private final Duration timeout;
    private final ArgumentSchema outputSchema;
    private final ObjectNode routedInputSchema;
    private final CallerIdentity identity;

    /**
     * @param outputSchema the output schema the upstream publishes for the tool, or null
     * @param routedInputSchema the input schema, when its {@code x-mcp-header} arguments travel as headers too
     *        (2026-07-28 over HTTP); else null
     * @param identity signs the caller's identity into a header of the upstream's choosing; null for none
     */
    UpstreamToolExecutor(UpstreamClient client, String upstreamName, Duration timeout, ObjectNode outputSchema,
            ObjectNode routedInputSchema, CallerIdentity identity) {
        this.client = client;
        this.upstreamName = upstreamName;
        this.timeout = timeout;
        this.outputSchema = outputSchema == null ? null : ArgumentSchema.compile(outputSchema);
        this.routedInputSchema = routedInputSchema;
        this.identity = identity;
    }

    @Override
    public PreparedCall prepare(ObjectNode arguments, Caller caller) {
        // The caller's credential stays here: the upstream sees Toolgate's own, and at most a signed statement of
        // who the caller is.
        ObjectNode forwarded = arguments.deepCopy();
        Map<String, String> headers = new LinkedHashMap<>();
        if (routedInputSchema != null) {
            headers.putAll(RoutingHeaders.parameterHeaders(routedInputSchema, forwarded));
        }
        if (identity != null) {
            headers.put(identity.header(), identity.token(caller));
        }
        return () -> {
            // The pipeline's timeout interrupts the call (and the upstream is told to cancel); the request's own
            // limit is only a backstop for a lost interrupt, so it never answers first.
            JsonNode result = client.callTool(upstreamName, forwarded, timeout.plus(BACKSTOP_GRACE), headers);
            if (!result.isObject() || !result.path("content").isArray()) {
                throw new UpstreamException("the upstream " + client.name() + " answered tools/call without a"
                        + " content list");
            }
            if (result.path("isError").asBoolean(false)) {
                throw new ToolResultError((ObjectNode) result);
            }
            if (outputSchema != null) {
                // What the upstream promised is what reaches the caller: a result against its own schema is the
                // upstream's failure, not something to pass on.
                JsonNode structured = result.get("structuredContent");
                List<FieldError> wrong = structured == null ? List.of(new FieldError("structuredContent", "required",
                        "missing")) : outputSchema.validate(structured);
                if (!wrong.isEmpty()) {
                    throw new UpstreamException("the upstream " + client.name() + " answered " + upstreamName
                            + " with a result that breaks its own output schema: " + wrong.get(0).field() + " "
                            + wrong.get(0).message());
                }
            }
            return result;
        };
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public boolean answersWithCallToolResult() {
        return true;
    }
}

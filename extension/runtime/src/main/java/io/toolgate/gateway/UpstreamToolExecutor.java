package io.toolgate.gateway;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.invoke.FieldError;
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

    /** @param outputSchema the output schema the upstream publishes for the tool, or null */
    UpstreamToolExecutor(UpstreamClient client, String upstreamName, Duration timeout, ObjectNode outputSchema) {
        this.client = client;
        this.upstreamName = upstreamName;
        this.timeout = timeout;
        this.outputSchema = outputSchema == null ? null : ArgumentSchema.compile(outputSchema);
    }

    @Override
    public PreparedCall prepare(ObjectNode arguments, Caller caller) {
        // The caller's identity and credential stay here: the upstream sees Toolgate's own, never the caller's.
        ObjectNode forwarded = arguments.deepCopy();
        return () -> {
            // The pipeline's timeout interrupts the call (and the upstream is told to cancel); the request's own
            // limit is only a backstop for a lost interrupt, so it never answers first.
            JsonNode result = client.callTool(upstreamName, forwarded, timeout.plus(BACKSTOP_GRACE));
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

package io.toolgate.mcp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.config.ToolgateConfig;
import io.toolgate.invoke.CallControl;
import io.toolgate.invoke.Door;
import io.toolgate.invoke.Invocation;
import io.toolgate.invoke.InvocationPipeline;
import io.toolgate.invoke.Outcome;
import io.toolgate.invoke.ValueText;
import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolFormats;
import io.toolgate.tool.ToolProgress;
import io.toolgate.tool.ToolRegistry;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/**
 * Answers one JSON-RPC message of the MCP protocol, whatever transport carried it. Tool calls go through the
 * {@link InvocationPipeline} unchanged: validation, timeouts and call history happen there, not here.
 */
@Singleton
public class McpDispatcher {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    ToolRegistry registry;
    @Inject
    InvocationPipeline pipeline;
    @Inject
    ToolgateConfig config;
    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    /** A request: it has a method and an id, and expects a response. */
    static boolean isRequest(JsonNode message) {
        return message.isObject() && message.path("method").isTextual() && message.has("id");
    }

    static boolean isInitialize(JsonNode message) {
        return isRequest(message) && "initialize".equals(message.get("method").asText());
    }

    /** A tool call that asked for progress, which only a streamed response can deliver. */
    static boolean wantsProgress(JsonNode message) {
        return isRequest(message) && "tools/call".equals(message.get("method").asText())
                && progressToken(message.get("params")) != null;
    }

    /** The response to the message, or null when none is due (notifications, responses, cancelled calls). */
    public CompletionStage<ObjectNode> handle(JsonNode message, McpContext context) {
        if (!message.isObject() || !"2.0".equals(message.path("jsonrpc").asText(null))) {
            return done(JsonRpc.error(JsonRpc.idOf(message), JsonRpc.INVALID_REQUEST,
                    "Invalid request: expected a JSON-RPC 2.0 object with \"jsonrpc\": \"2.0\""));
        }
        JsonNode method = message.get("method");
        JsonNode id = message.get("id");
        if (method == null && (message.has("result") || message.has("error")) && JsonRpc.validId(id)) {
            return done(null); // a client's answer to a server request; this server sends none
        }
        if (method == null || !method.isTextual()) {
            return done(JsonRpc.error(JsonRpc.idOf(message), JsonRpc.INVALID_REQUEST,
                    "Invalid request: \"method\" must be a string"));
        }
        JsonNode params = message.get("params");
        if (params != null && !params.isObject() && !params.isNull()) {
            return done(id == null ? null : JsonRpc.error(JsonRpc.idOf(message), JsonRpc.INVALID_REQUEST,
                    "Invalid request: \"params\" must be an object"));
        }
        if (id == null) {
            notification(method.asText(), params, context);
            return done(null);
        }
        if (!JsonRpc.validId(id)) {
            return done(JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Invalid request: \"id\" must be a string or an"
                    + " integer"));
        }
        try {
            return request(method.asText(), id, params == null || params.isNull() ? JSON.objectNode() : params,
                    context);
        } catch (McpError e) {
            return done(JsonRpc.error(id, e.code(), e.getMessage()));
        }
    }

    private CompletionStage<ObjectNode> request(String method, JsonNode id, JsonNode params, McpContext context)
            throws McpError {
        return switch (method) {
            case "initialize" -> done(JsonRpc.result(id, initialize(params)));
            case "ping" -> done(JsonRpc.result(id, JSON.objectNode()));
            case "tools/list" -> done(JsonRpc.result(id, listTools(params, context)));
            case "tools/call" -> callTool(id, params, context);
            default -> throw new McpError(JsonRpc.METHOD_NOT_FOUND, "Method not found: " + ValueText.shorten(method)
                    + "; this server offers initialize, ping, tools/list and tools/call");
        };
    }

    private void notification(String method, JsonNode params, McpContext context) {
        if ("notifications/cancelled".equals(method) && params != null) {
            JsonNode requestId = params.get("requestId");
            CallControl control = JsonRpc.validId(requestId)
                    ? context.inFlight().get(JsonRpc.idKey(requestId)) : null;
            if (control != null) {
                control.cancel();
            }
        }
        // notifications/initialized and anything unknown need no action: notifications are never answered.
    }

    private ObjectNode initialize(JsonNode params) throws McpError {
        JsonNode requested = params.get("protocolVersion");
        if (requested == null || !requested.isTextual()) {
            throw new McpError(JsonRpc.INVALID_PARAMS, "initialize needs params.protocolVersion, for example \""
                    + ProtocolVersions.LATEST + "\"");
        }
        ObjectNode result = JSON.objectNode();
        result.put("protocolVersion", ProtocolVersions.negotiate(requested.asText()));
        result.putObject("capabilities").putObject("tools").put("listChanged", true);
        result.putObject("serverInfo").put("name", "toolgate").put("title", "Toolgate").put("version", version);
        config.mcp().instructions().ifPresent(text -> result.put("instructions", text));
        return result;
    }

    private ObjectNode listTools(JsonNode params, McpContext context) throws McpError {
        JsonNode cursor = params.get("cursor");
        List<RegisteredTool> tools = registry.visibleTo(context.caller());
        int start = 0;
        if (cursor != null && !cursor.isNull()) {
            if (!cursor.isTextual()) {
                throw new McpError(JsonRpc.INVALID_PARAMS, "params.cursor must be a string");
            }
            String after = ToolCursor.decode(cursor.asText());
            while (start < tools.size() && tools.get(start).name().compareTo(after) <= 0) {
                start++;
            }
        }
        int end = Math.min(tools.size(), start + Math.max(1, config.mcp().pageSize()));
        ObjectNode result = JSON.objectNode();
        ArrayNode page = result.putArray("tools");
        for (RegisteredTool tool : tools.subList(start, end)) {
            page.add(ToolFormats.mcp(tool.definition()));
        }
        if (end < tools.size()) {
            result.put("nextCursor", ToolCursor.after(tools.get(end - 1).name()));
        }
        return result;
    }

    private CompletionStage<ObjectNode> callTool(JsonNode id, JsonNode params, McpContext context) throws McpError {
        JsonNode name = params.get("name");
        if (name == null || !name.isTextual()) {
            throw new McpError(JsonRpc.INVALID_PARAMS, "tools/call needs params.name, the name of a tool from"
                    + " tools/list");
        }
        JsonNode token = progressToken(params);
        CallControl control = token == null ? CallControl.none()
                : CallControl.withProgress(progressSink(token, context.channel()));
        String key = JsonRpc.idKey(id);
        context.inFlight().put(key, control);
        Invocation call = Invocation.builder(name.asText(), Door.MCP)
                .arguments(params.get("arguments"))
                .toolCallId(id.asText())
                .control(control)
                .caller(context.caller())
                .build();
        return pipeline.invoke(call).thenApply(outcome -> {
            context.inFlight().remove(key, control);
            if (control.cancelled()) {
                return null; // the client withdrew the request and expects no answer
            }
            return response(id, outcome, call);
        }).exceptionally(failure -> JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "Internal error"));
    }

    private static ObjectNode response(JsonNode id, Outcome outcome, Invocation call) {
        if (outcome.isSuccess()) {
            RegisteredTool tool = call.tool();
            return JsonRpc.result(id,
                    CallToolResults.success(outcome, tool != null && tool.definition().outputSchema() != null));
        }
        if (CallToolResults.formOf(outcome.code()) == CallToolResults.Form.PROTOCOL_ERROR) {
            return JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Unknown tool: " + ValueText.shorten(call.toolName())
                    + "; tools/list names the available tools");
        }
        return JsonRpc.result(id, CallToolResults.toolError(outcome));
    }

    private static JsonNode progressToken(JsonNode params) {
        JsonNode token = params == null ? null : params.path("_meta").get("progressToken");
        return token != null && (token.isTextual() || token.isIntegralNumber()) ? token : null;
    }

    /** Forwards a tool's reports as progress notifications, dropping any that would not increase, as MCP demands. */
    private static ToolProgress.Sink progressSink(JsonNode token, McpChannel channel) {
        double[] last = { Double.NEGATIVE_INFINITY };
        return (progress, total, message) -> {
            synchronized (last) {
                if (!(progress > last[0])) {
                    return;
                }
                last[0] = progress;
            }
            ObjectNode params = JSON.objectNode();
            params.set("progressToken", token);
            putNumber(params, "progress", progress);
            if (total != null) {
                putNumber(params, "total", total);
            }
            if (message != null) {
                params.put("message", message);
            }
            channel.send(JsonRpc.notification("notifications/progress", params));
        };
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            node.put(field, (long) value);
        } else {
            node.put(field, value);
        }
    }

    private static CompletionStage<ObjectNode> done(ObjectNode response) {
        return CompletableFuture.completedFuture(response);
    }
}

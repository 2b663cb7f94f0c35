package io.toolgate.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.completion.Completions;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.primitive.PrimitiveException;
import io.toolgate.prompt.PromptCatalog;
import io.toolgate.resource.ResourceCatalog;
import io.toolgate.invoke.CallControl;
import io.toolgate.invoke.Door;
import io.toolgate.invoke.ErrorCode;
import io.toolgate.invoke.Invocation;
import io.toolgate.invoke.InvocationPipeline;
import io.toolgate.invoke.Outcome;
import io.toolgate.invoke.ValueText;
import io.toolgate.tool.ClientInput;
import io.toolgate.tool.RegisteredTool;
import io.toolgate.tool.ToolFormats;
import io.toolgate.tool.ToolHints;
import io.toolgate.tool.ToolLog;
import io.toolgate.tool.ToolProgress;
import io.toolgate.tool.ToolRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Answers one JSON-RPC message of the MCP protocol, whatever transport carried it and whichever revision it speaks.
 * Tool calls go through the {@link InvocationPipeline} unchanged: validation, timeouts and call history happen there,
 * not here. What differs between the eras is confined to a few places: which methods exist, where the client's
 * capabilities and log level come from ({@link McpContext}), how a tool's questions reach the client
 * ({@link InputChannels}), and the fields every 2026-07-28 result carries ({@link #finish}).
 */
@Singleton
public class McpDispatcher {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Methods of the 2025 revisions that 2026-07-28 removed: per-request _meta and listen streams replace them. */
    private static final Set<String> REMOVED_IN_STATELESS = Set.of("initialize", "ping", "logging/setLevel",
            "resources/subscribe", "resources/unsubscribe");
    private static final Set<String> STATELESS_ONLY = Set.of("server/discover", "subscriptions/listen", "tasks/get",
            "tasks/update", "tasks/cancel");
    /** Results 2026-07-28 lets clients cache, which must say for how long and for whom. */
    private static final Set<String> CACHEABLE = Set.of("server/discover", "tools/list", "prompts/list",
            "resources/list", "resources/templates/list", "resources/read");

    @Inject
    ToolRegistry registry;
    @Inject
    InvocationPipeline pipeline;
    @Inject
    ToolgateConfig config;
    @Inject
    ServerRequests serverRequests;
    @Inject
    RequestStates requestStates;
    @Inject
    McpSubscriptions subscriptions;
    @Inject
    McpTasks tasks;
    @Inject
    ResourceCatalog resources;
    @Inject
    PromptCatalog prompts;
    @Inject
    Completions completions;
    @Inject
    DeferredTools deferred;
    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    /** A request: it has a method and an id, and expects a response. */
    static boolean isRequest(JsonNode message) {
        return message.isObject() && message.path("method").isTextual() && message.has("id");
    }

    static boolean isInitialize(JsonNode message) {
        return isRequest(message) && "initialize".equals(message.get("method").asText());
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
            serverRequests.answer(message); // a client's answer to one of our questions
            return done(null);
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
        String name = method.asText();
        try {
            return request(name, id, params == null || params.isNull() ? JSON.objectNode() : params, context)
                    .thenApply(response -> finish(name, response, context));
        } catch (McpError e) {
            return done(JsonRpc.error(id, e.code(), e.getMessage(), e.data()));
        }
    }

    private CompletionStage<ObjectNode> request(String method, JsonNode id, JsonNode params, McpContext context)
            throws McpError {
        if (context.stateless() ? REMOVED_IN_STATELESS.contains(method) : STATELESS_ONLY.contains(method)) {
            throw new McpError(JsonRpc.METHOD_NOT_FOUND, "Method not found: " + method + " is not part of MCP "
                    + context.protocolVersion());
        }
        return switch (method) {
            case "initialize" -> done(JsonRpc.result(id, initialize(params)));
            case "server/discover" -> done(JsonRpc.result(id, discover()));
            case "ping" -> done(JsonRpc.result(id, JSON.objectNode()));
            case "logging/setLevel" -> done(JsonRpc.result(id, setLogLevel(params, context)));
            case "subscriptions/listen" -> listen(id, params, context);
            case "tools/list" -> done(JsonRpc.result(id, listTools(params, context)));
            case "tools/call" -> callTool(id, params, context);
            case "resources/list" -> done(JsonRpc.result(id, primitive(() -> resources.list(cursor(params),
                    context.caller()))));
            case "resources/templates/list" -> done(JsonRpc.result(id, primitive(() -> resources.listTemplates(
                    cursor(params), context.caller()))));
            case "resources/read" -> readResource(id, params, context);
            case "resources/subscribe" -> done(JsonRpc.result(id, subscribe(params, context, true)));
            case "resources/unsubscribe" -> done(JsonRpc.result(id, subscribe(params, context, false)));
            case "prompts/list" -> done(JsonRpc.result(id, primitive(() -> prompts.list(cursor(params),
                    context.caller()))));
            case "prompts/get" -> getPrompt(id, params, context);
            case "completion/complete" -> answered(id, completions.complete(params.get("ref"), params.get("argument"),
                    params.get("context"), context.caller()), null);
            case "tasks/get" -> done(JsonRpc.result(id, tasks.get(params, context)));
            case "tasks/update" -> done(JsonRpc.result(id, tasks.update(params, context)));
            case "tasks/cancel" -> done(JsonRpc.result(id, tasks.cancel(params, context)));
            default -> throw new McpError(JsonRpc.METHOD_NOT_FOUND, "Method not found: "
                    + ValueText.shorten(method) + "; see server/discover or initialize for what this server offers");
        };
    }

    /** Stamps what every 2026-07-28 result carries: its type, caching hints where cacheable, the server's name. */
    private ObjectNode finish(String method, ObjectNode response, McpContext context) {
        if (response == null || !context.stateless() || !(response.get("result") instanceof ObjectNode result)) {
            return response;
        }
        if (!result.has("resultType")) {
            result.put("resultType", "complete");
        }
        if (CACHEABLE.contains(method) && !"input_required".equals(result.path("resultType").asText())) {
            if (!result.has("ttlMs")) {
                result.put("ttlMs", "resources/read".equals(method) ? 0 : config.mcp().listTtl().toMillis());
            }
            if (!result.has("cacheScope")) {
                // Listings depend on the caller's roles, so no shared cache may keep them for others.
                result.put("cacheScope", "private");
            }
        }
        ObjectNode meta = result.has("_meta") && result.get("_meta").isObject() ? (ObjectNode) result.get("_meta")
                : result.putObject("_meta");
        if (!meta.has(RequestMeta.SERVER_INFO)) {
            meta.set(RequestMeta.SERVER_INFO, serverInfo());
        }
        return response;
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
                    + ProtocolVersions.LATEST_SESSION + "\"");
        }
        ObjectNode result = JSON.objectNode();
        result.put("protocolVersion", ProtocolVersions.negotiate(requested.asText()));
        result.set("capabilities", capabilities(true));
        result.set("serverInfo", serverInfo());
        config.mcp().instructions().ifPresent(text -> result.put("instructions", text));
        return result;
    }

    private ObjectNode discover() {
        ObjectNode result = JSON.objectNode();
        ArrayNode versions = result.putArray("supportedVersions");
        ProtocolVersions.ALL.forEach(versions::add);
        result.set("capabilities", capabilities(false));
        config.mcp().instructions().ifPresent(text -> result.put("instructions", text));
        return result;
    }

    private ObjectNode capabilities(boolean sessionEra) {
        ObjectNode capabilities = JSON.objectNode();
        capabilities.putObject("tools").put("listChanged", true);
        capabilities.putObject("prompts").put("listChanged", true);
        capabilities.putObject("resources").put("subscribe", true).put("listChanged", true);
        capabilities.putObject("completions");
        capabilities.putObject("logging");
        if (!sessionEra) {
            capabilities.putObject("extensions").putObject(McpTasks.EXTENSION);
        }
        return capabilities;
    }

    private ObjectNode serverInfo() {
        return JSON.objectNode().put("name", "toolgate").put("title", "Toolgate").put("version", version);
    }

    private ObjectNode setLogLevel(JsonNode params, McpContext context) throws McpError {
        JsonNode level = params.get("level");
        ToolLog.Level parsed = level != null && level.isTextual() ? ToolLog.Level.of(level.asText()) : null;
        if (parsed == null) {
            throw new McpError(JsonRpc.INVALID_PARAMS, "logging/setLevel needs params.level: one of debug, info,"
                    + " notice, warning, error, critical, alert, emergency");
        }
        // Without a session there is nowhere to keep the level; such clients get no log messages.
        if (context.session() != null) {
            context.session().logLevel(parsed);
        }
        return JSON.objectNode();
    }

    /**
     * A 2026-07-28 listen stream: acknowledged first, then every change its filter names, until the client goes away
     * or cancels the request. There is no response: the stream's end is the end of the request.
     */
    private CompletionStage<ObjectNode> listen(JsonNode id, JsonNode params, McpContext context) throws McpError {
        JsonNode filter = params.get("notifications");
        if (filter == null || !filter.isObject()) {
            throw new McpError(JsonRpc.INVALID_PARAMS, "subscriptions/listen needs params.notifications, for example"
                    + " {\"toolsListChanged\": true}");
        }
        if (!context.channel().canSend()) {
            throw new McpError(JsonRpc.INVALID_REQUEST, "subscriptions/listen needs a stream; this transport cannot"
                    + " hold one open");
        }
        boolean tools = filter.path("toolsListChanged").asBoolean(false);
        boolean prompts = filter.path("promptsListChanged").asBoolean(false);
        boolean resourceList = filter.path("resourcesListChanged").asBoolean(false);
        Set<String> uris = java.util.concurrent.ConcurrentHashMap.newKeySet();
        filter.path("resourceSubscriptions").forEach(uri -> {
            if (uri.isTextual()) {
                uris.add(uri.asText());
            }
        });
        ObjectNode honoured = JSON.objectNode();
        if (tools) {
            honoured.put("toolsListChanged", true);
        }
        if (prompts) {
            honoured.put("promptsListChanged", true);
        }
        if (resourceList) {
            honoured.put("resourcesListChanged", true);
        }
        if (!uris.isEmpty()) {
            ArrayNode list = honoured.putArray("resourceSubscriptions");
            uris.forEach(list::add);
        }
        ObjectNode ack = McpSubscriptions.notification("notifications/subscriptions/acknowledged", null, id);
        ((ObjectNode) ack.get("params")).set("notifications", honoured);
        context.channel().send(ack);
        McpSubscriptions.Subscription subscription = new McpSubscriptions.Subscription(context.channel(), id, null,
                tools, prompts, resourceList, uris);
        subscriptions.add(subscription);
        CompletableFuture<ObjectNode> ended = new CompletableFuture<>();
        CallControl control = CallControl.cancellable();
        String key = JsonRpc.idKey(id);
        context.inFlight().put(key, control);
        Runnable end = () -> {
            subscriptions.remove(subscription);
            context.inFlight().remove(key, control);
            ended.complete(null);
        };
        control.onCancel(end);
        if (context.channel() instanceof SseStream stream) {
            stream.onClose(end);
        }
        return ended;
    }

    private ObjectNode listTools(JsonNode params, McpContext context) throws McpError {
        if (deferred.active(context.caller())) {
            ObjectNode result = JSON.objectNode();
            result.set("tools", deferred.tools());
            return result;
        }
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
        JsonNode requested = params.get("name");
        if (requested == null || !requested.isTextual()) {
            throw new McpError(JsonRpc.INVALID_PARAMS, "tools/call needs params.name, the name of a tool from"
                    + " tools/list");
        }
        JsonNode given = params.get("arguments");
        if (deferred.active(context.caller())) {
            if (DeferredTools.SEARCH.equals(requested.asText())) {
                return done(JsonRpc.result(id, deferred.search(given, context.caller())));
            }
            if (DeferredTools.CALL.equals(requested.asText())) {
                // The named tool runs as itself: its own policies, validation, audit row and result.
                String target = DeferredTools.target(given);
                if (target == null) {
                    return done(JsonRpc.result(id, DeferredTools.error("call_tool needs name, the name of a tool"
                            + " that search_tools found")));
                }
                requested = com.fasterxml.jackson.databind.node.TextNode.valueOf(target);
                given = DeferredTools.targetArguments(given);
            }
        }
        JsonNode name = requested;
        JsonNode arguments = given;
        Map<String, JsonNode> answers = context.stateless()
                ? answers("tools/call", name.asText(), arguments, params, context) : Map.of();
        ToolHints hints = hints(name.asText(), context);
        ToolHints.TaskSupport tasking = hints == null ? ToolHints.TaskSupport.FORBIDDEN : hints.taskSupport();
        if (context.stateless() && tasking == ToolHints.TaskSupport.REQUIRED && !McpTasks.declared(context)) {
            throw McpTasks.extensionRequired("Tool '" + name.asText() + "'");
        }
        boolean mayBecomeTask = context.stateless() && tasking != ToolHints.TaskSupport.FORBIDDEN
                && McpTasks.declared(context);
        CallControl control = callControl(params, context, answers);
        McpTasks.TaskInput taskInput = mayBecomeTask ? tasks.input(context.capabilities(), answers) : null;
        if (taskInput != null) {
            control.input(taskInput);
        }
        String key = JsonRpc.idKey(id);
        context.inFlight().put(key, control);
        Invocation call = Invocation.builder(name.asText(), Door.MCP)
                .arguments(arguments)
                .toolCallId(id.asText())
                .control(control)
                .caller(context.caller())
                .build();
        CompletableFuture<Outcome> outcome = pipeline.invoke(call).toCompletableFuture()
                .whenComplete((o, failure) -> context.inFlight().remove(key, control));
        java.util.function.Function<Outcome, ObjectNode> respond = o -> control.cancelled()
                ? null // the client withdrew the request and expects no answer
                : toolResponse(id, o, call, context, arguments, answers);
        if (taskInput != null) {
            return tasks.answerOrStart(id, name.asText(), context.caller().principal(), outcome, control, taskInput,
                    hints.taskWindowMs(), respond);
        }
        return outcome.thenApply(respond)
                .exceptionally(failure -> JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "Internal error"));
    }

    /** A synchronous primitive call whose refusal is a JSON-RPC error. */
    private interface PrimitiveCall {
        ObjectNode run() throws PrimitiveException, McpError;
    }

    private static ObjectNode primitive(PrimitiveCall call) throws McpError {
        try {
            return call.run();
        } catch (PrimitiveException e) {
            throw McpErrors.of(e);
        }
    }

    private static String cursor(JsonNode params) throws McpError {
        JsonNode cursor = params.get("cursor");
        if (cursor == null || cursor.isNull()) {
            return null;
        }
        if (!cursor.isTextual()) {
            throw new McpError(JsonRpc.INVALID_PARAMS, "params.cursor must be a string");
        }
        return cursor.asText();
    }

    private static String required(JsonNode params, String field, String method) throws McpError {
        JsonNode value = params.get(field);
        if (value == null || !value.isTextual()) {
            throw new McpError(JsonRpc.INVALID_PARAMS, method + " needs params." + field + " (a string)");
        }
        return value.asText();
    }

    private CompletionStage<ObjectNode> readResource(JsonNode id, JsonNode params, McpContext context)
            throws McpError {
        String uri = required(params, "uri", "resources/read");
        return answered(id, resources.read(uri, context.caller(), CallControl.cancellable().log(logSink(context))),
                null);
    }

    /**
     * prompts/get: under 2026-07-28 a prompt that asks the client (an argument it elicits) ends with an
     * input-required result and is got again with the answers, like a tool call.
     */
    private CompletionStage<ObjectNode> getPrompt(JsonNode id, JsonNode params, McpContext context) throws McpError {
        String name = required(params, "name", "prompts/get");
        JsonNode arguments = params.get("arguments");
        Map<String, JsonNode> answers = context.stateless()
                ? answers("prompts/get", name, arguments, params, context) : Map.of();
        CallControl control = callControl(params, context, answers);
        return answered(id, prompts.get(name, arguments, context.caller(), control),
                input -> inputRequired(input, "prompts/get", name, arguments, context, answers));
    }

    /** A primitive's asynchronous answer as a response; refusals become JSON-RPC errors or input-required results. */
    private static CompletionStage<ObjectNode> answered(JsonNode id, CompletionStage<ObjectNode> result,
            java.util.function.Function<ObjectNode, ObjectNode> onInputRequired) {
        return result.handle((body, failure) -> {
            if (failure == null) {
                return JsonRpc.result(id, body);
            }
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof PrimitiveException e) {
                if (e.kind() == PrimitiveException.Kind.INPUT_REQUIRED && onInputRequired != null) {
                    return JsonRpc.result(id, onInputRequired.apply(e.data()));
                }
                McpError error = McpErrors.of(e);
                return JsonRpc.error(id, error.code(), error.getMessage(), error.data());
            }
            return JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "Internal error");
        });
    }

    /** resources/subscribe and unsubscribe (2025): updates of the resource reach the session's streams. */
    private ObjectNode subscribe(JsonNode params, McpContext context, boolean on) throws McpError {
        String uri = required(params, "uri", on ? "resources/subscribe" : "resources/unsubscribe");
        if (on && !resources.exists(uri, context.caller())) {
            ObjectNode data = JSON.objectNode().put("uri", uri);
            throw new McpError(JsonRpc.INVALID_PARAMS, "Resource not found: " + ValueText.shorten(uri), data);
        }
        if (context.session() != null) {
            if (on) {
                context.session().subscriptions().add(uri);
            } else {
                context.session().subscriptions().remove(uri);
            }
        }
        return JSON.objectNode();
    }

    /** The tool's hints (how it may run as a task) for this caller; null for a tool the caller cannot see. */
    private ToolHints hints(String name, McpContext context) {
        return registry.find(name)
                .filter(tool -> context.caller().mayUse(tool.definition().policy().roles()))
                .map(tool -> tool.definition().hints())
                .orElse(null);
    }

    /** Progress, log messages and questions of one call, each going where this context's client can receive it. */
    private CallControl callControl(JsonNode params, McpContext context, Map<String, JsonNode> answers) {
        JsonNode token = progressToken(params);
        CallControl control = token == null || !context.channel().canSend() ? CallControl.cancellable()
                : CallControl.withProgress(progressSink(token, context.channel()));
        return control.log(logSink(context))
                .input(InputChannels.of(context, answers, serverRequests, config.mcp().inputTimeout()));
    }

    /**
     * The answers a 2026-07-28 retry brings: those of earlier rounds from its signed {@code requestState}, and this
     * round's {@code inputResponses}.
     */
    private Map<String, JsonNode> answers(String method, String target, JsonNode arguments, JsonNode params,
            McpContext context) throws McpError {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        JsonNode state = params.get("requestState");
        if (state != null && !state.isNull()) {
            if (!state.isTextual()) {
                throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: requestState must be the string this"
                        + " server returned");
            }
            answers.putAll(requestStates.open(state.asText(), method, target, arguments,
                    context.caller().principal()));
        }
        JsonNode responses = params.get("inputResponses");
        if (responses != null) {
            if (!responses.isObject()) {
                throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: inputResponses must be an object of the"
                        + " client's results, keyed as inputRequests named them");
            }
            for (Map.Entry<String, JsonNode> response : (Iterable<Map.Entry<String, JsonNode>>) responses::fields) {
                if (!response.getValue().isObject()) {
                    throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: inputResponses."
                            + ValueText.shorten(response.getKey()) + " must be an object (the client's result)");
                }
                if (response.getKey().startsWith(ClientInput.MEMO_PREFIX)) {
                    // What a tool remembered comes only from the signed state, never from the client.
                    throw new McpError(JsonRpc.INVALID_PARAMS, "Invalid params: inputResponses."
                            + ValueText.shorten(response.getKey()) + " answers no question this server asked");
                }
                answers.put(response.getKey(), response.getValue());
            }
        }
        return answers;
    }

    private ObjectNode toolResponse(JsonNode id, Outcome outcome, Invocation call, McpContext context,
            JsonNode arguments, Map<String, JsonNode> answers) {
        RegisteredTool tool = call.tool();
        boolean callToolResult = tool != null && tool.definition().executor() != null
                && tool.definition().executor().answersWithCallToolResult();
        if (outcome.isSuccess()) {
            return JsonRpc.result(id, callToolResult ? CallToolResults.passedOn(outcome)
                    : CallToolResults.success(outcome, tool != null && tool.definition().outputSchema() != null));
        }
        if (callToolResult && outcome.data() instanceof ObjectNode errorResult
                && errorResult.path("isError").asBoolean(false)) {
            return JsonRpc.result(id, errorResult);
        }
        if (context.stateless() && outcome.code() == ErrorCode.INPUT_REQUIRED) {
            return JsonRpc.result(id, inputRequired(outcome, "tools/call", call.toolName(), arguments, context,
                    answers));
        }
        if (context.stateless() && outcome.code() == ErrorCode.CLIENT_CAPABILITY_MISSING) {
            return missingCapability(id, outcome);
        }
        if (CallToolResults.formOf(outcome.code()) == CallToolResults.Form.PROTOCOL_ERROR) {
            return JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Unknown tool: " + ValueText.shorten(call.toolName())
                    + "; tools/list names the available tools");
        }
        return JsonRpc.result(id, CallToolResults.toolError(outcome));
    }

    private ObjectNode inputRequired(Outcome outcome, String method, String target, JsonNode arguments,
            McpContext context, Map<String, JsonNode> answers) {
        return inputRequired((ObjectNode) outcome.data(), method, target, arguments, context, answers);
    }

    /** An input-required result: the open questions, and the answers so far sealed in the request state. */
    ObjectNode inputRequired(ObjectNode questions, String method, String target, JsonNode arguments, McpContext context,
            Map<String, JsonNode> answers) {
        ObjectNode result = JSON.objectNode();
        result.put("resultType", "input_required");
        result.set("inputRequests", questions);
        result.put("requestState", requestStates.seal(method, target, arguments, context.caller().principal(),
                answers));
        return result;
    }

    static ObjectNode missingCapability(JsonNode id, Outcome outcome) {
        ObjectNode data = JSON.objectNode();
        data.putObject("requiredCapabilities").putObject(outcome.data().asText());
        return JsonRpc.error(id, JsonRpc.MISSING_CLIENT_CAPABILITY, outcome.message(), data);
    }

    private static ToolLog.Sink logSink(McpContext context) {
        ToolLog.Level wanted = context.logLevel();
        McpChannel channel = context.channel();
        if (wanted == null || !channel.canSend()) {
            return null;
        }
        return (level, logger, data) -> {
            if (level.compareTo(wanted) >= 0) {
                ObjectNode params = JSON.objectNode().put("level", level.wireName());
                if (logger != null) {
                    params.put("logger", logger);
                }
                params.set("data", data);
                channel.send(JsonRpc.notification("notifications/message", params));
            }
        };
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

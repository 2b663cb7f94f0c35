package io.toolgate.mcp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.security.Callers;
import io.toolgate.invoke.CallControl;
import io.toolgate.invoke.ErrorCode;
import io.toolgate.invoke.JsonReading;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * MCP over stdin/stdout for clients that start Toolgate as a subprocess (Claude Desktop, Claude Code). One JSON-RPC
 * message per line each way; stdout carries nothing else, so logs go to stderr (the {@code stdio} profile) and
 * {@code System.out} is pointed at stderr too, in case a tool or library prints. End of input stops the server.
 */
@ApplicationScoped
public class McpStdioTransport {

    private static final Logger LOG = Logger.getLogger(McpStdioTransport.class);

    // A client may close stdin right after its last request; those answers are still owed.
    private static final long DRAIN_SECONDS = 10;

    private final Map<String, CallControl> inFlight = new ConcurrentHashMap<>();
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private PrintStream out;
    private volatile McpSession session;

    @Inject
    McpDispatcher dispatcher;
    @Inject
    Callers callers;
    @Inject
    JsonReading json;
    @Inject
    McpSubscriptions subscriptions;
    @Inject
    ToolgateConfig config;

    // Last of the start-up observers, so that tools registered at start-up exist before the first request is read.
    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) StartupEvent event) {
        if (!config.mcp().stdio()) {
            return;
        }
        out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Thread reader = new Thread(this::readUntilEndOfInput, "mcp-stdio");
        reader.setDaemon(true);
        reader.start();
        LOG.info("MCP stdio transport ready");
    }

    /**
     * Lines are split as bytes and handed to Jackson undecoded, so invalid UTF-8 is a parse error rather than U+FFFD
     * (JsonReading). A line is kept only up to one byte over the size limit: the rest of it is skipped, and the
     * message is refused as too large.
     */
    private void readUntilEndOfInput() {
        try (InputStream in = new BufferedInputStream(System.in)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    receive(line);
                    line.reset();
                } else if (line.size() <= json.maxBytes()) {
                    line.write(b);
                }
            }
            receive(line);
        } catch (IOException e) {
            LOG.warn("Reading stdin failed; stopping", e);
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(DRAIN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Stopping with tool calls still running; they are cancelled");
        }
        inFlight.values().forEach(CallControl::cancel);
        Quarkus.asyncExit(0);
    }

    private void receive(ByteArrayOutputStream bytes) {
        byte[] line = bytes.toByteArray();
        if (JsonReading.isBlank(line)) {
            return; // \r of a CRLF line end is JSON white space too
        }
        JsonNode message;
        try {
            message = json.read(line, "message");
        } catch (JsonReading.Rejected e) {
            write(JsonRpc.error(null, e.code() == ErrorCode.PAYLOAD_TOO_LARGE ? JsonRpc.INVALID_REQUEST
                    : JsonRpc.PARSE_ERROR, "Parse error: " + e.getMessage()));
            return;
        }
        McpSession current = session;
        McpContext context = new McpContext(current == null ? ProtocolVersions.LATEST_SESSION
                : current.protocolVersion(), inFlight, this::write, callers.anonymous(), current, null);
        if (message.isArray()) {
            batch((ArrayNode) message, context);
            return;
        }
        boolean initialize = McpDispatcher.isInitialize(message);
        // A request naming a revision in its _meta is a 2026-07-28 one: stdio has no headers to check.
        if (!initialize && McpDispatcher.isRequest(message) && RequestMeta.versionOf(message) != null) {
            try {
                RequestMeta meta = RequestMeta.read(message);
                if (!ProtocolVersions.stateless(meta.protocolVersion()) && current == null) {
                    throw ProtocolVersions.unsupported(meta.protocolVersion());
                }
                if (ProtocolVersions.stateless(meta.protocolVersion())) {
                    context = new McpContext(ProtocolVersions.STATELESS, inFlight, this::write, callers.anonymous(),
                            null, meta);
                }
            } catch (McpError e) {
                write(JsonRpc.error(JsonRpc.idOf(message), e.code(), e.getMessage(), e.data()));
                return;
            }
        }
        track(dispatcher.handle(message, context).toCompletableFuture().whenComplete((response, failure) -> {
            if (failure != null) {
                write(JsonRpc.error(JsonRpc.idOf(message), JsonRpc.INTERNAL_ERROR, "Internal error"));
            } else if (response != null) {
                if (initialize && response.has("result")) {
                    opened(response.get("result").path("protocolVersion").asText(),
                            ClientCapabilities.of(message.path("params").get("capabilities")));
                }
                write(response);
            }
        }));
    }

    /** The one stdio connection becomes a session: its revision, capabilities, log level and list notifications. */
    private void opened(String protocolVersion, ClientCapabilities capabilities) {
        McpSession opened = new McpSession("stdio", protocolVersion, capabilities);
        session = opened;
        subscriptions.add(new McpSubscriptions.Subscription(this::write, null, null, true, true, true,
                opened.subscriptions()));
    }

    private void batch(ArrayNode messages, McpContext context) {
        if (!ProtocolVersions.allowsBatches(context.protocolVersion()) || messages.isEmpty()) {
            write(JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Invalid request: JSON-RPC batches are not part of"
                    + " MCP " + context.protocolVersion()));
            return;
        }
        List<CompletableFuture<ObjectNode>> answers = new ArrayList<>();
        for (JsonNode message : messages) {
            answers.add(dispatcher.handle(message, context).toCompletableFuture());
        }
        track(CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            ArrayNode responses = JsonNodeFactory.instance.arrayNode();
            answers.stream().filter(a -> !a.isCompletedExceptionally()).map(CompletableFuture::join)
                    .filter(r -> r != null).forEach(responses::add);
            if (!responses.isEmpty()) {
                write(responses);
            }
        }));
    }

    private <T> CompletableFuture<T> track(CompletableFuture<T> answer) {
        if (!answer.isDone()) {
            pending.add(answer);
            answer.whenComplete((value, failure) -> pending.remove(answer));
        }
        return answer;
    }

    private synchronized void write(JsonNode message) {
        out.print(message.toString());
        out.print('\n');
        out.flush();
    }
}

package io.toolgate.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.command.CommandRunner;
import io.toolgate.tool.UpstreamException;

/**
 * An upstream MCP server run as a local program: newline-delimited JSON-RPC on its stdin and stdout (the MCP stdio
 * transport), its stderr logged at debug level. One reader thread per upstream; a message longer than
 * {@code maxMessageBytes} ends the connection (an upstream that floods its output must not take Toolgate's memory).
 */
final class StdioConnection implements McpConnection {

    private static final Logger LOG = Logger.getLogger(StdioConnection.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String upstream;
    private final CommandRunner.LongRunning program;
    private final OutputStream stdin;
    private final JsonRpcPeer peer;
    private final int maxMessageBytes;
    private volatile boolean open = true;
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
    // The end of what the program wrote to stderr, to say why it exited.
    private final StringBuilder stderrTail = new StringBuilder();
    private static final int STDERR_TAIL = 4000;

    StdioConnection(String upstream, CommandRunner.LongRunning program, int maxMessageBytes) {
        this.upstream = upstream;
        this.program = program;
        this.stdin = program.process().getOutputStream();
        this.peer = new JsonRpcPeer(upstream);
        this.maxMessageBytes = maxMessageBytes;
        Thread reader = new Thread(this::readStdout, "toolgate-upstream-" + upstream);
        reader.setDaemon(true);
        reader.start();
        Thread errors = new Thread(this::drainStderr, "toolgate-upstream-err-" + upstream);
        errors.setDaemon(true);
        errors.start();
    }

    @Override
    public JsonRpcPeer.Outgoing request(String method, ObjectNode params, Duration timeout,
            java.util.Map<String, String> headers) {
        JsonRpcPeer.Outgoing out = peer.newRequest(method, params, timeout);
        try {
            write(out.message());
        } catch (UpstreamException e) {
            out.answer().completeExceptionally(e);
        }
        return out;
    }

    @Override
    public void notify(String method, ObjectNode params) {
        try {
            write(JsonRpcPeer.notification(method, params));
        } catch (UpstreamException e) {
            LOG.debugf("Upstream %s: %s not sent: %s", upstream, method, e.getMessage());
        }
    }

    /**
     * Under 2026-07-28 a listen request on stdin: the program answers it only when it ends the subscription, and
     * sends the notifications it names meanwhile. The 2025 revisions need nothing: stdout carries them anyway.
     */
    @Override
    public void listen(ObjectNode listenParams) {
        if (listenParams != null) {
            request("subscriptions/listen", listenParams, JsonRpcPeer.FOREVER);
        }
    }

    private synchronized void write(JsonNode message) {
        if (!open) {
            throw new UpstreamException("the upstream " + upstream + " is not running");
        }
        try {
            stdin.write(MAPPER.writeValueAsBytes(message));
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            lost("its stdin closed");
            throw new UpstreamException("the upstream " + upstream + " is not running");
        }
    }

    @Override
    public boolean isOpen() {
        return open && program.process().isAlive();
    }

    @Override
    public void onNotification(Consumer<ObjectNode> listener) {
        peer.onNotification(listener);
    }

    private void readStdout() {
        try (InputStream in = program.process().getInputStream()) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        line.write(buffer, start, i - start);
                        handle(line.toByteArray());
                        line.reset();
                        start = i + 1;
                    }
                }
                line.write(buffer, start, n - start);
                if (line.size() > maxMessageBytes) {
                    lost("it sent a message larger than " + maxMessageBytes + " bytes");
                    return;
                }
            }
        } catch (IOException e) {
            LOG.debugf("Upstream %s: reading its output failed: %s", upstream, e.getMessage());
        }
        lost(exitReason());
    }

    private String exitReason() {
        Process p = program.process();
        try {
            p.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String status = p.isAlive() ? "it closed its output" : "it exited with status " + p.exitValue();
        String tail;
        synchronized (stderrTail) {
            tail = stderrTail.toString().strip();
        }
        if (tail.isEmpty()) {
            return status;
        }
        // The last line that names an error says more than the last line (often a runtime's version banner).
        String[] lines = tail.split("\\R");
        String said = lines[lines.length - 1].strip();
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].toLowerCase(java.util.Locale.ROOT).contains("error")) {
                said = lines[i].strip();
                break;
            }
        }
        return status + "; it said on stderr: " + said;
    }

    private void handle(byte[] line) {
        if (line.length == 0 || (line.length == 1 && line[0] == '\r')) {
            return;
        }
        JsonNode message;
        try {
            message = MAPPER.readTree(line);
        } catch (IOException e) {
            // Servers sometimes print a banner on stdout; the spec forbids it, but it is not worth a dead upstream.
            LOG.debugf("Upstream %s wrote a line that is not JSON: %s", upstream,
                    new String(line, 0, Math.min(line.length, 200), StandardCharsets.UTF_8));
            return;
        }
        ObjectNode reply = peer.receive(message);
        if (reply != null) {
            try {
                write(reply);
            } catch (UpstreamException e) {
                LOG.debugf("Upstream %s: answer not sent: %s", upstream, e.getMessage());
            }
        }
    }

    private void drainStderr() {
        try (InputStream err = program.process().getErrorStream()) {
            byte[] buffer = new byte[4096];
            int n;
            while ((n = err.read(buffer)) > 0) {
                String text = new String(buffer, 0, n, StandardCharsets.UTF_8);
                LOG.debugf("Upstream %s stderr: %s", upstream, text);
                synchronized (stderrTail) {
                    stderrTail.append(text);
                    if (stderrTail.length() > STDERR_TAIL) {
                        stderrTail.delete(0, stderrTail.length() - STDERR_TAIL);
                    }
                }
            }
        } catch (IOException e) {
            // the program is gone
        }
    }

    private void lost(String why) {
        if (open) {
            open = false;
            LOG.warnf("Upstream %s disconnected: %s", upstream, why);
        }
        peer.failAll("the upstream " + upstream + " disconnected: " + why);
        stopProgram();
    }

    private void stopProgram() {
        if (stopped.compareAndSet(false, true)) {
            program.stop();
        }
    }

    @Override
    public void close() {
        open = false;
        peer.failAll("the upstream " + upstream + " was closed");
        try {
            stdin.close();
        } catch (IOException e) {
            // already closed
        }
        stopProgram();
    }
}

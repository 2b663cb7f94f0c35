package io.toolgate.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.toolgate.tool.UpstreamException;

/**
 * Reads a Server-Sent Events stream as its bytes arrive (the WHATWG event-stream format; only {@code data} lines
 * matter to MCP) and hands each event's data on when its blank line ends it. Lines are decoded whole, so a character
 * split between two chunks is never garbled. One event larger than {@code maxEventBytes} ends the stream with an
 * error: an upstream that floods a single event cannot grow memory without bound.
 */
final class ServerSentEvents {

    private final Consumer<String> events;
    private final int maxEventBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private StringBuilder data;
    private boolean afterCarriageReturn;

    ServerSentEvents(Consumer<String> events, int maxEventBytes) {
        this.events = events;
        this.maxEventBytes = maxEventBytes;
    }

    /** The next bytes of the stream. */
    void feed(byte[] chunk) {
        for (byte b : chunk) {
            if (b == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false; // the second half of a CRLF
                continue;
            }
            afterCarriageReturn = b == '\r';
            if (b == '\n' || b == '\r') {
                endLine();
            } else {
                line.write(b);
                if (line.size() + (data == null ? 0 : data.length()) > maxEventBytes) {
                    throw new UpstreamException("an event of the upstream's stream is larger than " + maxEventBytes
                            + " bytes");
                }
            }
        }
    }

    /** The stream ended: an event its blank line never closed still counts. */
    void end() {
        if (line.size() > 0) {
            endLine();
        }
        dispatch();
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.isEmpty()) {
            dispatch();
        } else if (text.startsWith("data:")) {
            String value = text.substring(text.startsWith("data: ") ? 6 : 5);
            data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        }
    }

    private void dispatch() {
        if (data != null) {
            String event = data.toString();
            data = null;
            events.accept(event);
        }
    }
}

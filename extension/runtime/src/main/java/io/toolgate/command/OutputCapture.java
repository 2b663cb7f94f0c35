package io.toolgate.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains one output stream of a program on a thread of its own, keeping the first {@code cap} bytes and reading (and
 * dropping) the rest, so a chatty program can neither fill Toolgate's memory nor block on a full pipe.
 */
final class OutputCapture {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int cap;
    private final Thread thread;
    private long total;

    OutputCapture(InputStream in, int cap, String name) {
        this.cap = cap;
        this.thread = new Thread(() -> drain(in), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (this) {
                    int room = (int) Math.max(0, Math.min(n, cap - total));
                    kept.write(buffer, 0, room);
                    total += n;
                }
            }
        } catch (IOException closed) {
            // The pipe closes when the process group is killed; what was read so far is the output.
        }
    }

    /** Waits for the end of the stream, at most {@code millis}. */
    void await(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
    }

    boolean running() {
        return thread.isAlive();
    }

    synchronized boolean truncated() {
        return total > cap;
    }

    synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }
}

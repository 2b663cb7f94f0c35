package io.toolgate.tool;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Lets a running tool send log messages to the caller, at the levels the caller asked for (MCP's
 * {@code notifications/message}: the level set with {@code logging/setLevel} under the 2025 revisions, or the
 * request's {@code _meta} log level under 2026-07-28). Messages below that level, or when the caller asked for none,
 * are dropped here, so a tool never needs to know who listens. The server's own log is separate; use it too for what
 * the operator needs.
 */
public final class ToolLog {

    /** MCP's levels, from the syslog severities, least severe first. */
    public enum Level {
        DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The level with this MCP name, or null. */
        public static Level of(String name) {
            for (Level level : LEVELS) {
                if (level.wireName().equals(name)) {
                    return level;
                }
            }
            return null;
        }

        private static final List<Level> LEVELS = List.of(values());
    }

    /** Receives the messages at or above the caller's level. */
    @FunctionalInterface
    public interface Sink {
        void log(Level level, String logger, JsonNode data);
    }

    private static final ThreadLocal<Sink> CURRENT = new ThreadLocal<>();

    private ToolLog() {
    }

    public static void debug(String message) {
        log(Level.DEBUG, TextNode.valueOf(message));
    }

    public static void info(String message) {
        log(Level.INFO, TextNode.valueOf(message));
    }

    public static void warning(String message) {
        log(Level.WARNING, TextNode.valueOf(message));
    }

    public static void error(String message) {
        log(Level.ERROR, TextNode.valueOf(message));
    }

    /** A message with any JSON data (an object of details, say). */
    public static void log(Level level, JsonNode data) {
        Sink sink = CURRENT.get();
        if (sink != null) {
            sink.log(level, null, data);
        }
    }

    /** The sink of the call running on this thread, or null when nobody listens. */
    public static Sink current() {
        return CURRENT.get();
    }

    public static Runnable bind(Sink sink) {
        Sink previous = CURRENT.get();
        CURRENT.set(sink);
        return previous == null ? CURRENT::remove : () -> CURRENT.set(previous);
    }
}

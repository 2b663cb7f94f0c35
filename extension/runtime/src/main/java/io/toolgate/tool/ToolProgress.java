package io.toolgate.tool;

/**
 * Lets a running tool report progress to the caller, when the caller asked for it (MCP's
 * {@code _meta.progressToken}). A blocking {@link Tool} method calls {@link #report} from its own thread; doors that
 * cannot deliver progress simply ignore it, so a tool never needs to know which door it was called through.
 *
 * <p>
 * A thread-local rather than a method parameter keeps tool signatures (and so the generated schemas) free of
 * transport concerns. An asynchronous tool must take {@link #current()} before it leaves the calling thread.
 */
public final class ToolProgress {

    /** Receives progress reports; {@code total} and {@code message} may be null. */
    @FunctionalInterface
    public interface Sink {
        void report(double progress, Double total, String message);
    }

    private static final Sink IGNORED = (progress, total, message) -> {
    };
    private static final ThreadLocal<Sink> CURRENT = new ThreadLocal<>();

    private ToolProgress() {
    }

    /** Reports {@code progress} out of {@code total}; values should only ever grow within one call. */
    public static void report(double progress, double total, String message) {
        current().report(progress, total, message);
    }

    public static void report(double progress) {
        current().report(progress, null, null);
    }

    /** True when the caller listens, so a tool can skip computing progress nobody reads. */
    public static boolean requested() {
        Sink sink = CURRENT.get();
        return sink != null && sink != IGNORED;
    }

    /** The sink of the call running on this thread; a no-op sink outside such a call. */
    public static Sink current() {
        Sink sink = CURRENT.get();
        return sink != null ? sink : IGNORED;
    }

    /** Binds a sink to the current thread for the duration of a call; run the returned action to unbind. */
    public static Runnable bind(Sink sink) {
        Sink previous = CURRENT.get();
        CURRENT.set(sink);
        return previous == null ? CURRENT::remove : () -> CURRENT.set(previous);
    }
}

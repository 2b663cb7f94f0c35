package io.toolgate.invoke;

import java.util.ArrayList;
import java.util.List;

import io.toolgate.tool.ClientInput;
import io.toolgate.tool.ToolLog;
import io.toolgate.tool.ToolProgress;

/**
 * What a door can do to a call while it runs: receive its progress reports and cancel it. Cancelling interrupts the
 * tool's thread and completes the call's Outcome with CANCELLED at once, without waiting for the tool to notice.
 */
public final class CallControl {

    private final ToolProgress.Sink progress;
    private ClientInput.Channel input = ClientInput.NONE;
    private ToolLog.Sink log;
    private final List<Runnable> cancelListeners = new ArrayList<>(1);
    private boolean cancelled;
    private Thread worker;

    private CallControl(ToolProgress.Sink progress) {
        this.progress = progress;
    }

    /** A control nobody cancels and whose progress goes nowhere. */
    public static CallControl none() {
        return new CallControl(null);
    }

    /** A control the door may cancel, whose progress goes nowhere. */
    public static CallControl cancellable() {
        return new CallControl(null);
    }

    public static CallControl withProgress(ToolProgress.Sink progress) {
        return new CallControl(progress);
    }

    /** The sink for the tool's progress reports, or null when the caller did not ask for progress. */
    public ToolProgress.Sink progress() {
        return progress;
    }

    /** Where the tool's questions to the client go; {@link ClientInput#NONE} unless the door can ask. */
    public ClientInput.Channel input() {
        return input;
    }

    /** Set by the door before the call starts. */
    public CallControl input(ClientInput.Channel channel) {
        this.input = channel;
        return this;
    }

    /** The sink for the tool's log messages, or null when the caller asked for none. */
    public ToolLog.Sink log() {
        return log;
    }

    /** Set by the door before the call starts. */
    public CallControl log(ToolLog.Sink sink) {
        this.log = sink;
        return this;
    }

    /** Makes progress, log and client input reachable from the tool's thread; run the result to undo it. */
    Runnable bindToThread() {
        Runnable progressUnbind = progress == null ? null : ToolProgress.bind(progress);
        Runnable logUnbind = log == null ? null : ToolLog.bind(log);
        Runnable inputUnbind = input == ClientInput.NONE ? null : ClientInput.bind(input);
        if (progressUnbind == null && logUnbind == null && inputUnbind == null) {
            return NOTHING;
        }
        return () -> {
            if (progressUnbind != null) {
                progressUnbind.run();
            }
            if (logUnbind != null) {
                logUnbind.run();
            }
            if (inputUnbind != null) {
                inputUnbind.run();
            }
        };
    }

    private static final Runnable NOTHING = () -> {
    };

    public void cancel() {
        List<Runnable> listeners;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            // Under the lock, so the thread cannot have moved on to another task between the check and the interrupt.
            if (worker != null) {
                worker.interrupt();
            }
            listeners = List.copyOf(cancelListeners);
            cancelListeners.clear();
        }
        listeners.forEach(Runnable::run);
    }

    public synchronized boolean cancelled() {
        return cancelled;
    }

    /** Runs the listener on cancellation, or at once when the call is already cancelled. */
    public void onCancel(Runnable listener) {
        synchronized (this) {
            if (!cancelled) {
                cancelListeners.add(listener);
                return;
            }
        }
        listener.run();
    }

    /** The thread now running the tool; it is interrupted on cancellation until {@link #detach()}. */
    synchronized void attach(Thread thread) {
        worker = thread;
        if (cancelled) {
            thread.interrupt();
        }
    }

    synchronized void detach() {
        worker = null;
    }
}

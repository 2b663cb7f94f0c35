package io.toolgate.primitive;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

/**
 * Who wants to hear about a change (a list changed, a resource was updated). Listeners run on the thread that made
 * the change, which may be a workflow step's: one that fails is logged and never disturbs that thread or the others.
 */
public final class Listeners<T> {

    private static final Logger LOG = Logger.getLogger(Listeners.class);

    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();

    public void add(Consumer<T> listener) {
        listeners.add(listener);
    }

    public void fire(T event) {
        for (Consumer<T> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warnf(e, "A change listener failed for %s", event);
            }
        }
    }
}

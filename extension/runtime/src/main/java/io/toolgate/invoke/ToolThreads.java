package io.toolgate.invoke;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where blocking tools run: one virtual thread per call on JDK 21+, Quarkus' worker pool on older JDKs. Looked up
 * reflectively because the code is compiled for Java 17.
 */
@ApplicationScoped
public class ToolThreads implements Executor {

    private static final Logger LOG = Logger.getLogger(ToolThreads.class);

    private final Executor executor;
    private final ExecutorService owned;
    private final boolean virtual;

    public ToolThreads() {
        ExecutorService vt = null;
        try {
            vt = (ExecutorService) java.util.concurrent.Executors.class
                    .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            LOG.debug("Virtual threads unavailable; blocking tools run on the worker pool");
        }
        this.owned = vt;
        this.virtual = vt != null;
        this.executor = vt != null ? vt : Infrastructure.getDefaultWorkerPool();
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    public boolean virtual() {
        return virtual;
    }

    @PreDestroy
    void close() {
        if (owned != null) {
            owned.shutdownNow();
        }
    }
}

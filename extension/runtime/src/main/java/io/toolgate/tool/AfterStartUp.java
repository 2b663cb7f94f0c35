package io.toolgate.tool;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * One background thread for the work start-up leaves for later (compiling argument validators, counting the tokens
 * of every definition), begun a second after start-up (after this bean is made, by a start-up observer) and run one
 * job at a time. The second and the single thread keep that work off the cores while the first requests and the JIT
 * compilers need them: on a machine with two cores, a job started beside start-up (the tokenizer's vocabulary alone
 * is 0.25 s of CPU and as much again in garbage collection) delays the first answer by what it takes, and thread
 * priorities do not count on Linux. Jobs submitted once that second has passed run at once, in the order submitted.
 */
@ApplicationScoped
public class AfterStartUp {

    private static final Logger LOG = Logger.getLogger(AfterStartUp.class);
    private static final long DELAY_MILLIS = 1_000;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(job -> {
        Thread t = new Thread(job, "toolgate-after-start-up");
        t.setDaemon(true);
        return t;
    });

    /** Made while the application starts: its first user is a start-up observer. */
    private final long notBefore = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DELAY_MILLIS);

    /** Runs the job on the background thread, after the start-up delay and after the jobs submitted before it. */
    public void submit(String what, Runnable job) {
        thread.execute(() -> {
            try {
                long wait = notBefore - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                job.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // shutting down: the job is not needed any more
            } catch (RuntimeException e) {
                // Background work is an optimisation or a warning; its failure is logged, never thrown at start-up.
                LOG.warnf(e, "%s failed", what);
            }
        });
    }

    void onStop(@Observes ShutdownEvent stop) throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(1, TimeUnit.SECONDS);
    }
}

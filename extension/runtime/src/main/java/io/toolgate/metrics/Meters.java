package io.toolgate.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.quarkus.arc.InjectableInstance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The registry Toolgate's meters go to: the application's own, when it has a Micrometer extension
 * ({@code quarkus-micrometer-registry-prometheus} or another registry), else a composite with no registries in it,
 * on which every meter is a no-op. The Quarkus Micrometer extension is not a dependency of the extension: it is the
 * largest start-up cost an application without metrics would pay (docs/benchmarks.md, Start-up), and an
 * application that has it gets Toolgate's meters in its own registry.
 */
@Singleton
public class Meters {

    private final MeterRegistry registry;

    @Inject
    public Meters(InjectableInstance<MeterRegistry> applications) {
        this.registry = applications.isResolvable() ? applications.get() : new CompositeMeterRegistry();
    }

    /** Outside CDI (the in-process benchmark). */
    public Meters(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }
}

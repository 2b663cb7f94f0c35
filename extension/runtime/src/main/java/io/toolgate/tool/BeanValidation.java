package io.toolgate.tool;

import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;

import io.quarkus.runtime.ImageMode;
import jakarta.validation.Validation;
import jakarta.validation.ValidationProviderResolver;
import jakarta.validation.Validator;
import jakarta.validation.spi.ValidationProvider;

/**
 * Where the tools' Bean Validation (the third validation layer) comes from, resolved on first use:
 * <ul>
 * <li>the application's {@link Validator} bean when it has quarkus-hibernate-validator. Quarkus builds its metadata
 * of every constrained class in the application at static initialisation: into the image heap of a native
 * executable, but at every start of a JVM (about 200 ms of the standalone server's start with the demo's 26
 * constrained classes, docs/benchmarks.md);</li>
 * <li>else, when a provider is on the class path as a plain library (hibernate-validator with an EL implementation,
 * the standalone server's JVM build), a factory made on first use: nothing at start-up, and only the classes of
 * the tools that are served are ever read (ToolWarmUp does it after start-up);</li>
 * <li>else none ({@code null}): the JSON Schema enforces the constraints, and the build fails on one it cannot
 * express (BeanValidationProcessor).</li>
 * </ul>
 */
final class BeanValidation implements Supplier<Validator> {

    private final Supplier<Validator> source;
    private volatile Validator validator;
    private volatile boolean resolved;

    private BeanValidation(Supplier<Validator> source) {
        this.source = source;
    }

    /**
     * @param bean the application's validator bean, or null when it has none
     * @param loader where a provider is looked for (the application's class loader)
     */
    static BeanValidation of(Supplier<Validator> bean, ClassLoader loader) {
        return new BeanValidation(bean != null ? bean : () -> fromProviderOn(loader));
    }

    @Override
    public Validator get() {
        if (!resolved) {
            synchronized (this) {
                if (!resolved) {
                    validator = source.get();
                    resolved = true;
                }
            }
        }
        return validator;
    }

    /** The default provider's validator, or null without one; its factory lives as long as the application. */
    private static Validator fromProviderOn(ClassLoader loader) {
        if (ImageMode.current().isNativeImage()) {
            return null; // only quarkus-hibernate-validator is registered for native images (BeanValidationProcessor)
        }
        // The provider is looked up in the application's class loader explicitly: the thread that first needs it
        // (a background or an event-loop thread) may have another context class loader.
        @SuppressWarnings("rawtypes")
        ServiceLoader<ValidationProvider> found = ServiceLoader.load(ValidationProvider.class, loader);
        List<ValidationProvider<?>> providers = found.stream().<ValidationProvider<?>> map(p -> p.get()).toList();
        if (providers.isEmpty()) {
            return null;
        }
        ValidationProviderResolver resolver = () -> providers;
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader); // its message bundles and EL are found through it
        try {
            return Validation.byDefaultProvider().providerResolver(resolver).configure().buildValidatorFactory()
                    .getValidator();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}

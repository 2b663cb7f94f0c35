package io.toolgate.completion;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

/** The named completers, registered by the features that own their data (the demo shop: customer_ids, product_ids). */
@Singleton
public class Completers {

    private final Map<String, Completer> byName = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException when the name is taken */
    public void register(String name, Completer completer) {
        if (byName.putIfAbsent(name, completer) != null) {
            throw new IllegalArgumentException("a completer named '" + name + "' is already registered");
        }
    }

    public Optional<Completer> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }
}

package io.toolgate.demo;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.completion.Completers;
import io.toolgate.completion.Matches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The shop's completers, {@code customer_ids} and {@code product_ids}: prefix searches in the demo database (bound
 * parameters, LIMIT), used by the shop prompts' arguments and, through {@code toolgate.completions.tools}, by
 * {@code lookup_customer} and {@code check_product_availability}. Registered with the demo toolset only.
 */
@ApplicationScoped
public class ShopCompleters {

    @Inject
    ShopRepository shop;

    void register(@Observes StartupEvent start, DemoConfig demo, Completers completers) {
        if (!demo.enabled()) {
            return;
        }
        completers.register("customer_ids", (prefix, limit, context, caller) -> new Matches(
                shop.customerIdsStartingWith(prefix, limit), shop.countCustomerIdsStartingWith(prefix)));
        completers.register("product_ids", (prefix, limit, context, caller) -> new Matches(
                shop.productIdsStartingWith(prefix, limit), shop.countProductIdsStartingWith(prefix)));
    }
}

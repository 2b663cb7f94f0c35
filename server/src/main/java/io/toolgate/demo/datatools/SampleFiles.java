package io.toolgate.demo.datatools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.runtime.StartupEvent;
import io.toolgate.demo.DemoConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Creates the files root at start-up and puts the demo's sample documents in it, so read_file has something to
 * read out of the box. Existing files are left alone: an operator's edits survive a restart.
 */
@ApplicationScoped
public class SampleFiles {

    static final Map<String, String> DOCUMENTS = Map.of(
            "returns-policy.txt", """
                    Returns policy

                    Items can be returned within 30 days of delivery for a full refund, in their original packaging.
                    Laptops and phones must come back with all accessories and without damage.
                    Gold and platinum members get free return shipping; others pay 6.99 USD.
                    Refunds reach the original payment method within 5 business days of the return arriving.
                    """,
            "shipping-faq.md", """
                    # Shipping FAQ

                    - **Where do you ship?** To all 50 US states and DC.
                    - **How long does it take?** 2 to 7 days depending on the zone; Alaska and Hawaii take longest.
                    - **How is the cost computed?** A base cost per zone plus a price per kilogram.
                    """);

    void seed(@Observes StartupEvent event, DemoConfig config) {
        if (!config.enabled()) {
            return;
        }
        Path root = Path.of(config.filesRoot());
        try {
            Files.createDirectories(root);
            for (Map.Entry<String, String> doc : DOCUMENTS.entrySet()) {
                Path file = root.resolve(doc.getKey());
                if (Files.notExists(file)) {
                    Files.writeString(file, doc.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo files root " + root, e);
        }
    }
}

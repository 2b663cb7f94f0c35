package io.toolgate.gateway;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.db.Database;
import io.toolgate.declarative.DefinitionFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The pinned definitions of upstream tools ({@code upstream_pins}): trust on first use, then every listing is compared
 * with the pin. Kept in Toolgate's database, so every instance behind a load balancer compares with the same pin
 * and a restart does not forget it (in an application without a datasource, for the life of the process).
 */
@ApplicationScoped
public class UpstreamPins {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true);

    /** One pin: the hash and the definition it was taken from. */
    record Pin(String hash, String definition) {
    }

    @Inject
    Database database;

    /** What a listed tool is pinned by: its name, title, description and schemas, as canonical JSON. */
    static String pinned(ObjectNode listed) {
        ObjectNode d = CANONICAL.createObjectNode();
        for (String key : new String[] { "name", "title", "description", "inputSchema", "outputSchema" }) {
            if (listed.has(key)) {
                d.set(key, listed.get(key));
            }
        }
        try {
            return CANONICAL.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hash(String definition) {
        return DefinitionFiles.sha256(definition.getBytes(StandardCharsets.UTF_8));
    }

    /** The pins of one upstream, by the upstream's own tool name. */
    Map<String, Pin> of(String upstream) {
        Map<String, Pin> pins = new HashMap<>();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT tool, hash, definition FROM upstream_pins WHERE upstream = ?")) {
            s.setString(1, upstream);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    pins.put(r.getString(1), new Pin(r.getString(2), r.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the pinned definitions of upstream " + upstream + " could not be read: "
                    + e.getMessage(), e);
        }
        return pins;
    }

    /**
     * Pins a definition: the first time a tool is seen, or when an admin approves its new form. Another instance may
     * pin the same tool at the same moment; the first pin stands and the caller reads it back.
     *
     * @param replace whether an existing pin is replaced (an approval) or kept (first sight)
     */
    void pin(String upstream, String tool, String definition, boolean replace) {
        String hash = hash(definition);
        try (Connection c = database.dataSource().getConnection()) {
            if (replace) {
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE upstream_pins SET hash = ?, definition = ?, pinned_at = ? WHERE upstream = ? AND tool = ?")) {
                    s.setString(1, hash);
                    s.setString(2, definition);
                    s.setTimestamp(3, Timestamp.from(Instant.now()));
                    s.setString(4, upstream);
                    s.setString(5, tool);
                    if (s.executeUpdate() > 0) {
                        return;
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO upstream_pins (upstream, tool, hash, definition, pinned_at) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, upstream);
                s.setString(2, tool);
                s.setString(3, hash);
                s.setString(4, definition);
                s.setTimestamp(5, Timestamp.from(Instant.now()));
                s.executeUpdate();
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return; // pinned by another instance first
            }
            throw new IllegalStateException("the definition of " + upstream + "/" + tool + " could not be pinned: "
                    + e.getMessage(), e);
        }
    }
}

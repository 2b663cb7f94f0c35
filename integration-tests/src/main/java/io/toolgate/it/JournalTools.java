package io.toolgate.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.toolgate.tool.Tool;
import io.toolgate.tool.ToolParam;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;

/** Tools on the application's own stack: its datasource and table, its Micrometer counter. */
@ApplicationScoped
public class JournalTools {

    @Inject
    AgroalDataSource dataSource;

    private final Counter entries;

    @Inject
    public JournalTools(MeterRegistry registry) {
        this.entries = Counter.builder("journal.entries").description("Journal entries written by the application")
                .register(registry);
    }

    public record Written(long total) {
    }

    @Tool(name = "add_journal_entry", description = "Writes one entry to the application's journal table.")
    public Written add(@ToolParam(description = "The text of the entry, up to 500 characters") @Size(max = 500)
    String entry) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO journal (entry, written_at) VALUES (?, ?)")) {
            ps.setString(1, entry);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
        entries.increment();
        return new Written(count());
    }

    @Tool(name = "count_journal_entries", readOnly = true,
            description = "Counts the entries in the application's journal table.")
    public Written total() throws SQLException {
        return new Written(count());
    }

    private long count() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM journal"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

package io.toolgate.resource;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.toolgate.config.ToolgateConfig;
import io.toolgate.db.Database;
import io.toolgate.invoke.ResultArchive;
import io.toolgate.invoke.ToolThreads;
import io.toolgate.primitive.PrimitiveException;
import io.toolgate.security.Caller;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The whole of tool results the pipeline cut for MCP callers, kept in the database (table {@code mcp_results}, so any
 * instance behind a load balancer can serve the link) under a random id, and served as the resource
 * {@code toolgate://results/<id>} (application/json) to the same principal only, until it expires
 * ({@code toolgate.mcp.result-link-ttl}). Another principal, an expired id and an unknown id all get the same
 * NOT_FOUND. Not listed: the link travels with the truncated result.
 */
@Singleton
public class StoredResults implements ResultArchive, ResourceSource {

    private static final Logger LOG = Logger.getLogger(StoredResults.class);
    static final String PREFIX = "toolgate://results/";
    private static final UriTemplate RESULT = UriTemplate.of(PREFIX + "{id}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final ToolThreads threads;
    private final Duration ttl;
    private final long maxBytes;

    @Inject
    public StoredResults(Database database, ToolThreads threads, ToolgateConfig config) {
        this.database = database;
        this.threads = threads;
        this.ttl = config.mcp().resultLinkTtl();
        this.maxBytes = config.mcp().resultLinkMaxBytes();
    }

    void register(@Observes StartupEvent start, ResourceCatalog catalog) {
        catalog.register(this);
    }

    // --- ResultArchive -----------------------------------------------------------------------------------------------

    @Override
    public CompletionStage<String> keep(String principal, String tool, JsonNode result, long size) {
        if (size > maxBytes) {
            return CompletableFuture.completedFuture(null);
        }
        // Written before the outcome goes back, so the link works the moment the client sees it; JDBC off the
        // caller's thread, which may be the event loop.
        CompletableFuture<String> uri = new CompletableFuture<>();
        threads.execute(() -> {
            try {
                uri.complete(PREFIX + insert(principal, tool, result.toString(), size));
            } catch (SQLException | RuntimeException e) {
                uri.completeExceptionally(e);
            }
        });
        return uri;
    }

    private String insert(String principal, String tool, String content, long size) throws SQLException {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO mcp_results (id, principal, tool, content, size_bytes, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, principal);
            ps.setString(3, tool);
            ps.setString(4, content);
            ps.setLong(5, size);
            ps.setObject(6, now);
            ps.setObject(7, now.plus(ttl));
            ps.executeUpdate();
        }
        return id;
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteExpired() {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM mcp_results WHERE expires_at < ?")) {
            ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            int deleted = ps.executeUpdate();
            if (deleted > 0) {
                LOG.debugf("Deleted %d expired MCP results", deleted);
            }
        } catch (SQLException e) {
            LOG.warnf("Expired MCP results could not be deleted: %s", e.getMessage());
        }
    }

    // --- ResourceSource ----------------------------------------------------------------------------------------------

    @Override
    public String name() {
        return "results";
    }

    @Override
    public String description() {
        return "The whole of tool results that were cut to fit, for the caller of the tool.";
    }

    @Override
    public boolean handles(String uri) {
        return uri.startsWith(PREFIX);
    }

    @Override
    public List<ResourceDescriptor> resources(Caller caller) {
        return List.of();
    }

    @Override
    public List<ResourceTemplateDescriptor> templates() {
        return List.of(new ResourceTemplateDescriptor(RESULT.template(), "results", "Whole tool results",
                "The whole of a tool result that was cut to fit; linked from the truncated result, readable by its"
                        + " caller until it expires", "application/json"));
    }

    @Override
    public ObjectNode read(String uri, Caller caller) throws PrimitiveException {
        String id = RESULT.match(uri).map(v -> v.get("id")).orElse(null);
        String content = id == null ? null : content(id, caller.principal());
        if (content == null) {
            throw PrimitiveException.resourceNotFound(uri, "No result at " + uri + " that you may read; results"
                    + " are kept for " + ttl.toMinutes() + " minutes for the caller of the tool only");
        }
        return ResourceContents.text(uri, "application/json", content);
    }

    private String content(String id, String principal) throws PrimitiveException {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT content FROM mcp_results WHERE id = ? AND principal = ? AND expires_at > ?")) {
            ps.setString(1, id);
            ps.setString(2, principal);
            ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            LOG.warnf("MCP result %s could not be read: %s", id, e.getMessage());
            throw new PrimitiveException(PrimitiveException.Kind.INTERNAL, "the result could not be read now");
        }
    }
}

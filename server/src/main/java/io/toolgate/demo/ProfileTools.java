package io.toolgate.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.toolgate.config.ToolgateConfig;
import io.toolgate.db.Database;
import io.toolgate.security.Caller;
import io.toolgate.tool.Tool;
import io.toolgate.tool.ToolException;
import io.toolgate.tool.ToolParam;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Positive;

/**
 * A tool whose answer depends on who asks: a customer sees their own profile in full, the admin role sees any
 * profile in full, everyone else sees only the public part of another's profile.
 */
@ApplicationScoped
@DemoToolset
public class ProfileTools {

    @Inject
    Database database;
    @Inject
    ToolgateConfig config;

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Profile(long userId, String name, String email, String tier, String state, String memberSince,
            boolean restricted) {
    }

    @Tool(name = "get_user_profile", title = "Get user profile", readOnly = true, idempotent = true,
            description = "Profile of a shop user by customer ID: everything for the caller's own profile, only the"
                    + " name for other users' profiles. Requires an authenticated caller.")
    @RolesAllowed(Caller.ANY_AUTHENTICATED)
    public Profile getUserProfile(
            @ToolParam(description = "Customer ID of the user whose profile to read, for example 12345")
            @Positive long userId,
            Caller caller) {
        try (Connection c = database.dataSource().getConnection()) {
            Long own = ownCustomerId(c, caller.principal());
            boolean full = caller.roles().contains(config.security().adminRole()) || (own != null && own == userId);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, email, tier, state, member_since FROM customers WHERE id = ?")) {
                ps.setLong(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ToolException("no user has ID " + userId);
                    }
                    return full
                            ? new Profile(userId, rs.getString(1), rs.getString(2), rs.getString(3),
                                    rs.getString(4).trim(), rs.getDate(5).toLocalDate().toString(), false)
                            : new Profile(userId, rs.getString(1), null, null, null, null, true);
                }
            }
        } catch (SQLException e) {
            throw new ShopRepository.ShopDataException("the user database could not be read", e);
        }
    }

    private static Long ownCustomerId(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT customer_id FROM user_accounts WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}

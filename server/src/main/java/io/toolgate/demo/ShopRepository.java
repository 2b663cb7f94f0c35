package io.toolgate.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.toolgate.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Plain JDBC over the demo shop tables; every value is bound as a parameter. */
@ApplicationScoped
public class ShopRepository {

    @Inject
    Database database;

    public record Product(String id, String name, String description, String category, BigDecimal price, int stock,
            BigDecimal weightKg, String tags) {
    }

    public record StateInfo(String code, BigDecimal taxRate, int zone, BigDecimal baseCost, BigDecimal perKg,
            int days) {
    }

    /** Products matching any of the terms in name, description or tags, after the category/price/stock filters. */
    public List<Product> candidates(List<String> terms, String category, BigDecimal maxPrice, boolean inStockOnly) {
        StringBuilder sql = new StringBuilder("SELECT id, name, description, category, price, stock, weight_kg, tags"
                + " FROM products WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (category != null) {
            sql.append(" AND category = ?");
            params.add(category);
        }
        if (maxPrice != null) {
            sql.append(" AND price <= ?");
            params.add(maxPrice);
        }
        if (inStockOnly) {
            sql.append(" AND stock > 0");
        }
        if (!terms.isEmpty()) {
            sql.append(" AND (");
            for (int i = 0; i < terms.size(); i++) {
                sql.append(i == 0 ? "" : " OR ")
                        .append("LOWER(name) LIKE ? OR LOWER(description) LIKE ? OR LOWER(tags) LIKE ?");
                String like = "%" + escapeLike(terms.get(i)) + "%";
                params.add(like);
                params.add(like);
                params.add(like);
            }
            sql.append(")");
        }
        return query(sql.toString(), params, ShopRepository::product);
    }

    public Optional<Product> product(String id) {
        return query("SELECT id, name, description, category, price, stock, weight_kg, tags FROM products"
                + " WHERE id = ?", List.of(id), ShopRepository::product).stream().findFirst();
    }

    public Optional<ShopResults.Customer> customer(long id) {
        return query("SELECT id, name, email, tier, state, member_since FROM customers WHERE id = ?", List.of(id),
                rs -> new ShopResults.Customer(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5).trim(), rs.getObject(6, LocalDate.class)))
                .stream().findFirst();
    }

    public Optional<StateInfo> state(String code) {
        return query("SELECT s.code, s.tax_rate, z.zone, z.base_cost, z.per_kg, z.days FROM states s"
                + " JOIN shipping_zones z ON z.zone = s.shipping_zone WHERE s.code = ?", List.of(code),
                rs -> new StateInfo(rs.getString(1).trim(), rs.getBigDecimal(2), rs.getInt(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getInt(6)))
                .stream().findFirst();
    }

    /** Up to {@code limit} customer numbers whose decimal text starts with the prefix, in text order. */
    public List<String> customerIdsStartingWith(String prefix, int limit) {
        return query("SELECT CAST(id AS VARCHAR(20)) AS t FROM customers WHERE CAST(id AS VARCHAR(20)) LIKE ?"
                + " ORDER BY t LIMIT ?", List.of(escapeLike(prefix) + "%", limit), rs -> rs.getString(1));
    }

    public int countCustomerIdsStartingWith(String prefix) {
        return query("SELECT COUNT(*) FROM customers WHERE CAST(id AS VARCHAR(20)) LIKE ?",
                List.of(escapeLike(prefix) + "%"), rs -> rs.getInt(1)).get(0);
    }

    /** Up to {@code limit} product ids starting with the prefix in any case, in id order. */
    public List<String> productIdsStartingWith(String prefix, int limit) {
        return query("SELECT id FROM products WHERE LOWER(id) LIKE ? ORDER BY id LIMIT ?",
                List.of(escapeLike(prefix.toLowerCase(java.util.Locale.ROOT)) + "%", limit), rs -> rs.getString(1));
    }

    public int countProductIdsStartingWith(String prefix) {
        return query("SELECT COUNT(*) FROM products WHERE LOWER(id) LIKE ?",
                List.of(escapeLike(prefix.toLowerCase(java.util.Locale.ROOT)) + "%"), rs -> rs.getInt(1)).get(0);
    }

    private static Product product(ResultSet rs) throws SQLException {
        return new Product(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5),
                rs.getInt(6), rs.getBigDecimal(7), rs.getString(8));
    }

    private static String escapeLike(String term) {
        return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, List<Object> params, RowMapper<T> mapper) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new ShopDataException("the shop database could not be read", e);
        }
    }

    /** A database failure; its message is safe for the model, the cause stays in the server log. */
    public static class ShopDataException extends RuntimeException {
        public ShopDataException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

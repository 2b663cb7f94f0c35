package io.toolgate.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** The demo shop's argument and result types; records, so their JSON Schemas are generated. */
public final class ShopResults {

    private ShopResults() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProductHit(@NotNull String productId, @NotNull String name, @NotNull String category,
            @NotNull BigDecimal price, int stock, boolean inStock, double relevance) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProductSearch(@NotNull String query, int count, @NotNull List<ProductHit> results) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Customer(long customerId, @NotNull String name, @NotNull String email, @NotNull String tier,
            @NotNull String state, @NotNull LocalDate memberSince) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Availability(@NotNull String productId, @NotNull String name, int requestedQuantity,
            int stock, boolean available, @NotNull BigDecimal unitPrice, @NotNull String message) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Shipping(double weightKg, @NotNull String destinationState, int zone, @NotNull BigDecimal cost,
            int estimatedDays) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Tax(@NotNull BigDecimal amount, @NotNull String state, @NotNull BigDecimal rate,
            @NotNull BigDecimal tax, @NotNull BigDecimal total) {
    }

    /** One line of an order as the model sends it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OrderItem(@NotBlank String productId, @Positive int quantity) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PriceLine(@NotNull String productId, @NotNull String name, @NotNull BigDecimal unitPrice,
            int quantity, @NotNull BigDecimal lineTotal) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TotalPrice(@NotNull List<PriceLine> lines, @NotNull BigDecimal subtotal,
            @NotNull BigDecimal shipping, @NotNull BigDecimal tax, @NotNull BigDecimal total,
            @NotNull String currency, @NotNull String destinationState) {
    }
}

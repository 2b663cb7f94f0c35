package io.toolgate.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.toolgate.config.ToolgateConfig;
import io.toolgate.db.Database;
import io.toolgate.tool.ClientInput;
import io.toolgate.tool.Tool;
import io.toolgate.tool.ToolException;
import io.toolgate.tool.ToolParam;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The demo shop's write side, used by the order workflow: a payments ledger, order records and an e-mail outbox.
 * Everything is written for real (tables of migration V21); the money and the mail never leave the database.
 */
@ApplicationScoped
@DemoToolset
public class OrderTools {

    private static final Logger LOG = Logger.getLogger(OrderTools.class);

    @Inject
    Database database;
    @Inject
    ShopRepository shop;
    @Inject
    ToolgateConfig config;
    @Inject
    DemoConfig demo;

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Payment(@NotNull String paymentId, @NotNull String idempotencyKey, long customerId,
            @NotNull BigDecimal amount, @NotNull String currency, @NotNull String status, boolean replayed) {
    }

    /** An order line; {@code name} and {@code line_total} are accepted so calculate_total_price's lines fit as they are. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OrderLine(@NotBlank @Pattern(regexp = "^[A-Z]{3}-[0-9]{3}$") String productId,
            @Positive @Max(1000) int quantity, @NotNull @PositiveOrZero BigDecimal unitPrice, Optional<String> name,
            Optional<BigDecimal> lineTotal) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OrderRecord(long orderId, long customerId, @NotNull String status, int lineCount,
            @NotNull BigDecimal total, String paymentId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record QueuedEmail(long emailId, @NotNull String to, @NotNull String status) {
    }

    @Tool(name = "charge_payment", title = "Charge payment", idempotent = true,
            description = "Charge a customer an amount and record it in the payments ledger. The idempotency key makes"
                    + " retries safe: the same key returns the first payment instead of charging again. Amounts over"
                    + " the shop's limit are refused; over a lower amount the person using an MCP client that supports"
                    + " elicitation is asked to confirm the charge first.")
    public Payment chargePayment(
            @ToolParam(description = "The customer's numeric ID, for example 12345") @Positive long customerId,
            @ToolParam(description = "Amount to charge, greater than 0, for example 1899.98")
            @Positive @DecimalMax("10000000") BigDecimal amount,
            @ToolParam(description = "Three-letter ISO currency code of the amount", defaultValue = "USD")
            @Pattern(regexp = "^[A-Z]{3}$") String currency,
            @ToolParam(description = "A key unique to this purchase; repeating it never charges twice")
            @NotBlank @Size(max = 200) String idempotencyKey) {
        BigDecimal money = amount.setScale(2, RoundingMode.HALF_UP);
        BigDecimal limit = demo.paymentLimit();
        Optional<Payment> earlier = payment(idempotencyKey);
        if (earlier.isPresent()) {
            return replay(earlier.get(), customerId, money, currency);
        }
        if (money.compareTo(limit) > 0) {
            throw new ToolException("payment refused: " + money + " " + currency + " is over the limit of " + limit
                    + " per payment (toolgate.demo.payment-limit)");
        }
        ShopResults.Customer customer = customer(customerId);
        confirm(customer, money, currency);
        String id = "pay_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO payments (id, idempotency_key, customer_id, amount, currency, status, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, 'captured', ?)")) {
            ps.setString(1, id);
            ps.setString(2, idempotencyKey);
            ps.setLong(3, customerId);
            ps.setBigDecimal(4, money);
            ps.setString(5, currency);
            ps.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            // Two charges with one key at once: the unique key let one in; the other answers with its payment.
            Optional<Payment> concurrent = payment(idempotencyKey);
            if (concurrent.isPresent()) {
                return replay(concurrent.get(), customerId, money, currency);
            }
            throw failed("the payment could not be recorded", e);
        }
        return new Payment(id, idempotencyKey, customerId, money, currency, "captured", false);
    }

    /**
     * Asks the person behind the client to confirm a large charge. Asked after every check that could refuse the
     * payment and before anything is written, so a call run again with the answer (MCP 2026-07-28) repeats only
     * reads. A client that cannot ask anyone (REST, a workflow, an MCP client without elicitation) is not asked.
     */
    private void confirm(ShopResults.Customer customer, BigDecimal money, String currency) {
        if (money.compareTo(demo.paymentConfirmationAbove()) <= 0
                || !ClientInput.supports(ClientInput.ELICITATION)) {
            return;
        }
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        schema.putObject("properties").putObject("confirm").put("type", "boolean").put("title", "Charge it")
                .put("description", "Charge " + money + " " + currency + " to " + customer.name());
        schema.putArray("required").add("confirm");
        JsonNode answer;
        try {
            answer = ClientInput.elicit("confirm_charge", "Charge " + money + " " + currency + " to "
                    + customer.name() + " (customer " + customer.customerId() + ")?", schema);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("the payment was not made: the call was cancelled while waiting for the"
                    + " confirmation");
        }
        if (!"true".equals(ClientInput.acceptedText(answer, "confirm"))) {
            throw new ToolException("the payment was not made: the person using the client did not confirm the"
                    + " charge of " + money + " " + currency + " (" + answer.path("action").asText("no answer")
                    + ")");
        }
    }

    @Tool(name = "create_order_record", title = "Create order",
            description = "Create a shop order with its lines in one transaction and return the new order number."
                    + " Lines are product_id, quantity and unit_price, as calculate_total_price returns them.")
    public OrderRecord createOrderRecord(
            @ToolParam(description = "The customer's numeric ID, for example 12345") @Positive long customerId,
            @ToolParam(description = "The order lines, 1 to 50, each with product_id, quantity and unit_price")
            @NotEmpty @Size(max = 50) List<@Valid OrderLine> lines,
            @ToolParam(description = "Grand total of the order in US dollars, as priced") @PositiveOrZero
            @DecimalMax("10000000") BigDecimal total,
            @ToolParam(description = "ID of the payment that paid the order, when it was charged")
            Optional<@Size(max = 40) String> paymentId,
            @ToolParam(description = "Two-letter US state the order ships to; the customer's state when omitted")
            Optional<@Pattern(regexp = "^[A-Z]{2}$") String> shipState) {
        ShopResults.Customer customer = customer(customerId);
        for (OrderLine line : lines) {
            if (shop.product(line.productId()).isEmpty()) {
                throw new ToolException("no product has ID " + line.productId());
            }
        }
        if (paymentId.isPresent() && !paymentExists(paymentId.get())) {
            throw new ToolException("no payment has ID " + paymentId.get());
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                long orderId;
                try (PreparedStatement ps = c.prepareStatement("SELECT nextval('order_numbers')");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    orderId = rs.getLong(1);
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id, customer_id, status,"
                        + " ordered_at, updated_at, ship_state, total, payment_id) VALUES (?, ?, 'processing', ?, ?,"
                        + " ?, ?, ?)")) {
                    ps.setLong(1, orderId);
                    ps.setLong(2, customerId);
                    ps.setObject(3, LocalDate.now(ZoneOffset.UTC));
                    ps.setObject(4, now.toLocalDateTime());
                    ps.setString(5, shipState.orElse(customer.state()));
                    ps.setBigDecimal(6, total.setScale(2, RoundingMode.HALF_UP));
                    ps.setString(7, paymentId.orElse(null));
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO order_lines (order_id, line_no,"
                        + " product_id, quantity, unit_price) VALUES (?, ?, ?, ?, ?)")) {
                    int lineNo = 1;
                    for (OrderLine line : lines) {
                        ps.setLong(1, orderId);
                        ps.setInt(2, lineNo++);
                        ps.setString(3, line.productId());
                        ps.setInt(4, line.quantity());
                        ps.setBigDecimal(5, line.unitPrice().setScale(2, RoundingMode.HALF_UP));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                return new OrderRecord(orderId, customerId, "processing", lines.size(),
                        total.setScale(2, RoundingMode.HALF_UP), paymentId.orElse(null));
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed("the order could not be recorded", e);
        }
    }

    @Tool(name = "send_email", title = "Send e-mail",
            description = "Queue an e-mail to one recipient in the shop's outbox; it is sent later by the mailer.")
    public QueuedEmail sendEmail(
            @ToolParam(description = "Recipient address, for example alice@example.com") @NotBlank @Email
            @Size(max = 320) String to,
            @ToolParam(description = "Subject line of the e-mail, at most 300 characters") @NotBlank
            @Size(max = 300) String subject,
            @ToolParam(description = "Plain-text body of the e-mail, at most 20000 characters") @NotBlank
            @Size(max = 20_000) String body) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO email_outbox (recipient, subject, body, created_at) VALUES (?, ?, ?, ?)",
                new String[] {"id"})) {
            ps.setString(1, to);
            ps.setString(2, subject);
            ps.setString(3, body);
            ps.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new QueuedEmail(keys.getLong(1), to, "queued");
            }
        } catch (SQLException e) {
            throw failed("the e-mail could not be queued", e);
        }
    }

    private Payment replay(Payment earlier, long customerId, BigDecimal amount, String currency) {
        if (earlier.customerId() != customerId || earlier.amount().compareTo(amount) != 0
                || !earlier.currency().equals(currency)) {
            throw new ToolException("idempotency key '" + earlier.idempotencyKey() + "' was already used for a"
                    + " different payment (" + earlier.amount() + " " + earlier.currency() + " for customer "
                    + earlier.customerId() + "); use a new key for a new payment");
        }
        return new Payment(earlier.paymentId(), earlier.idempotencyKey(), earlier.customerId(), earlier.amount(),
                earlier.currency(), earlier.status(), true);
    }

    private ShopResults.Customer customer(long id) {
        return shop.customer(id).orElseThrow(() -> new ToolException("no customer has ID " + id + "; check the ID"));
    }

    private Optional<Payment> payment(String key) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, idempotency_key, customer_id, amount, currency, status FROM payments"
                        + " WHERE idempotency_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Payment(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4),
                        rs.getString(5).trim(), rs.getString(6), false));
            }
        } catch (SQLException e) {
            throw failed("the payments ledger could not be read", e);
        }
    }

    private boolean paymentExists(String id) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM payments WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw failed("the payments ledger could not be read", e);
        }
    }

    private static ShopRepository.ShopDataException failed(String message, SQLException e) {
        LOG.warnf("%s: %s", message, e.getMessage());
        return new ShopRepository.ShopDataException(message, e);
    }
}

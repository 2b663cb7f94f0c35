package io.toolgate.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.toolgate.tool.Tool;
import io.toolgate.tool.ToolException;
import io.toolgate.tool.ToolParam;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The demo shop from the function-calling examples, on the embedded (or PostgreSQL) database. */
@ApplicationScoped
@DemoToolset
public class ShopTools {

    private static final int MAX_RESULTS = 10;
    private static final String STATE_PATTERN = "^[A-Z]{2}$";

    @Inject
    ShopRepository shop;

    @Tool(name = "search_products", tags = "shop", title = "Search products", readOnly = true, idempotent = true,
            description = "Search the shop's catalogue by keywords in product names, descriptions and tags. Returns"
                    + " at most 10 products, most relevant first, with price and stock.")
    public ShopResults.ProductSearch searchProducts(
            @ToolParam(description = "Keywords to search for, for example 'laptop' or 'wireless headphones'")
            @NotBlank @Size(max = 200) String query,
            @ToolParam(description = "Only search this product category; omit to search all categories")
            Optional<Category> category,
            @ToolParam(description = "Highest acceptable unit price in US dollars, for example 1000")
            Optional<@Positive BigDecimal> maxPrice,
            @ToolParam(description = "Leave out products that are out of stock (true) or include them (false)",
                    defaultValue = "true") boolean inStockOnly) {
        List<String> terms = Arrays.stream(query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}-]+"))
                .filter(t -> t.length() > 1)
                .distinct()
                .toList();
        if (terms.isEmpty()) {
            throw new ToolException("query '" + query + "' has no searchable word; use words like 'laptop'");
        }
        List<ShopResults.ProductHit> hits = shop.candidates(terms, category.map(Category::id).orElse(null),
                maxPrice.orElse(null), inStockOnly).stream()
                .map(p -> new ShopResults.ProductHit(p.id(), p.name(), p.category(), p.price(), p.stock(),
                        p.stock() > 0, relevance(p, terms)))
                .filter(h -> h.relevance() > 0)
                .sorted(Comparator.comparingDouble(ShopResults.ProductHit::relevance).reversed()
                        .thenComparing(ShopResults.ProductHit::productId))
                .limit(MAX_RESULTS)
                .toList();
        return new ShopResults.ProductSearch(query, hits.size(), hits);
    }

    @Tool(name = "lookup_customer", tags = "shop", title = "Look up customer", readOnly = true, idempotent = true,
            description = "Look up a customer by numeric ID: name, email, loyalty tier, home state and since when"
                    + " they are a member.")
    public ShopResults.Customer lookupCustomer(
            @ToolParam(description = "The customer's numeric ID, for example 12345") @Positive long customerId) {
        return shop.customer(customerId)
                .orElseThrow(() -> new ToolException("no customer has ID " + customerId + "; check the ID"));
    }

    @Tool(name = "check_product_availability", tags = "shop", title = "Check availability", readOnly = true, idempotent = true,
            description = "Check whether a product is in stock in the requested quantity, and its unit price.")
    public ShopResults.Availability checkProductAvailability(
            @ToolParam(description = "Product ID as returned by search_products, for example LAP-001")
            @NotBlank @Pattern(regexp = "^[A-Z]{3}-[0-9]{3}$") String productId,
            @ToolParam(description = "How many units the customer wants, from 1 to 1000") @Positive @Max(1000)
            int quantity) {
        ShopRepository.Product p = product(productId);
        boolean available = p.stock() >= quantity;
        String message = available ? quantity + " unit(s) of " + p.name() + " are available"
                : "only " + p.stock() + " unit(s) of " + p.name() + " are in stock, " + quantity + " requested";
        return new ShopResults.Availability(p.id(), p.name(), quantity, p.stock(), available, p.price(), message);
    }

    @Tool(name = "calculate_shipping", tags = "shop", title = "Calculate shipping", readOnly = true, idempotent = true,
            deterministic = true,
            description = "Calculate the shipping cost and delivery days for a parcel of a given weight to a US"
                    + " state.")
    public ShopResults.Shipping calculateShipping(
            @ToolParam(description = "Parcel weight in kilograms, greater than 0 and at most 1000")
            @Positive @DecimalMax("1000") double weightKg,
            @ToolParam(description = "Two-letter US state code of the destination, for example CA")
            @NotBlank @Pattern(regexp = STATE_PATTERN) @UsState String destinationState) {
        ShopRepository.StateInfo s = state(destinationState);
        return new ShopResults.Shipping(weightKg, s.code(), s.zone(), shippingCost(s, BigDecimal.valueOf(weightKg)),
                s.days());
    }

    @Tool(name = "calculate_tax", tags = "shop", title = "Calculate sales tax", readOnly = true, idempotent = true,
            deterministic = true,
            description = "Calculate US state sales tax for an amount in US dollars, with the rate applied.")
    public ShopResults.Tax calculateTax(
            @ToolParam(description = "Taxable amount in US dollars, greater than 0, for example 199.99")
            @Positive @DecimalMax("10000000") BigDecimal amount,
            @ToolParam(description = "Two-letter US state code where the sale is taxed, for example NY")
            @NotBlank @Pattern(regexp = STATE_PATTERN) @UsState String state) {
        ShopRepository.StateInfo s = state(state);
        BigDecimal tax = money(amount.multiply(s.taxRate()));
        return new ShopResults.Tax(money(amount), s.code(), s.taxRate(), tax, money(amount.add(tax)));
    }

    @Tool(name = "calculate_total_price", tags = "shop", title = "Calculate order total", readOnly = true, idempotent = true,
            description = "Price an order: line totals from current prices, shipping by total weight, sales tax of"
                    + " the destination state, and the grand total in US dollars.")
    public ShopResults.TotalPrice calculateTotalPrice(
            @ToolParam(description = "Order lines, each a product_id and a quantity; 1 to 50 lines")
            @NotEmpty @Size(max = 50) List<ShopResults.@Valid OrderItem> items,
            @ToolParam(description = "Two-letter US state code the order ships to, for example TX")
            @NotBlank @Pattern(regexp = STATE_PATTERN) @UsState String destinationState) {
        ShopRepository.StateInfo s = state(destinationState);
        List<ShopResults.PriceLine> lines = new ArrayList<>();
        BigDecimal subtotal = BigDecimal.ZERO;
        BigDecimal weight = BigDecimal.ZERO;
        for (ShopResults.OrderItem item : items) {
            ShopRepository.Product p = product(item.productId());
            BigDecimal lineTotal = money(p.price().multiply(BigDecimal.valueOf(item.quantity())));
            lines.add(new ShopResults.PriceLine(p.id(), p.name(), p.price(), item.quantity(), lineTotal));
            subtotal = subtotal.add(lineTotal);
            weight = weight.add(p.weightKg().multiply(BigDecimal.valueOf(item.quantity())));
        }
        BigDecimal shipping = shippingCost(s, weight);
        BigDecimal tax = money(subtotal.multiply(s.taxRate()));
        return new ShopResults.TotalPrice(lines, money(subtotal), shipping, tax,
                money(subtotal.add(shipping).add(tax)), "USD", s.code());
    }

    private ShopRepository.Product product(String id) {
        return shop.product(id).orElseThrow(() -> new ToolException(
                "no product has ID " + id + "; use search_products to find product IDs"));
    }

    private ShopRepository.StateInfo state(String code) {
        return shop.state(code).orElseThrow(() -> new ToolException("no shipping or tax data for state " + code));
    }

    private static BigDecimal shippingCost(ShopRepository.StateInfo s, BigDecimal weightKg) {
        return money(s.baseCost().add(s.perKg().multiply(weightKg)));
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    // Name matches weigh most, then tags, then description; the first tag says what the product is, so a term equal
    // to it ("laptop" for a laptop, not for a book about laptops) ranks that product first.
    private static double relevance(ShopRepository.Product p, List<String> terms) {
        String name = p.name().toLowerCase(Locale.ROOT);
        String tags = p.tags().toLowerCase(Locale.ROOT);
        String primaryTag = tags.split(",", 2)[0];
        String description = p.description().toLowerCase(Locale.ROOT);
        double score = 0;
        for (String term : terms) {
            score += (name.contains(term) ? 3 : 0) + (tags.contains(term) ? 2 : 0)
                    + (description.contains(term) ? 1 : 0) + (primaryTag.equals(term) ? 1 : 0);
        }
        return Math.round(score / (7.0 * terms.size()) * 1000) / 1000.0;
    }
}

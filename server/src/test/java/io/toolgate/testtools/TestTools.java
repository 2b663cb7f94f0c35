package io.toolgate.testtools;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;
import io.toolgate.tool.Tool;
import io.toolgate.tool.ToolException;
import io.toolgate.tool.ToolParam;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Tools that exist only in tests: one per behaviour of the pipeline worth pinning down. */
@ApplicationScoped
public class TestTools {

    public enum Unit {
        @JsonProperty("celsius")
        CELSIUS,
        @JsonProperty("fahrenheit")
        FAHRENHEIT
    }

    public record Address(@NotBlank String street, @Size(min = 2, max = 2) String country, Optional<String> note) {
    }

    public record Echo(String text, int count, Unit unit, List<String> tags, Address address) {
    }

    @Tool(name = "echo_all_types", description = "Echoes back arguments of every supported type, for schema tests.")
    public Echo echoAllTypes(
            @ToolParam(description = "Free text of one to twenty characters") @NotBlank @Size(max = 20) String text,
            @ToolParam(description = "A whole number between one and ten") @Min(1) @Max(10) int count,
            @ToolParam(description = "A ratio between zero and one, exclusive of zero")
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double ratio,
            @ToolParam(description = "A non-negative amount of money in dollars") Optional<@PositiveOrZero Double> amount,
            @ToolParam(description = "Whether the echo should shout in capitals", defaultValue = "false") boolean loud,
            @ToolParam(description = "Temperature unit for the reading that is echoed") @NotNull Unit unit,
            @ToolParam(description = "Labels attached to the echo, one to three of them") @Size(min = 1, max = 3)
            List<String> tags,
            @ToolParam(description = "Scores as an array of whole numbers, in any order") int[] scores,
            @ToolParam(description = "A postal address with street and two-letter country") @Valid Address address,
            @ToolParam(description = "A contact email address for the echo receipt") Optional<@Email String> email,
            @ToolParam(description = "An order reference of three capitals and four digits")
            Optional<@Pattern(regexp = "^[A-Z]{3}[0-9]{4}$") String> reference) {
        return new Echo(loud ? text.toUpperCase() : text, count, unit, tags, address);
    }

    @Tool(name = "sleep_for_millis", timeoutMs = 300,
            description = "Sleeps for the given number of milliseconds; its timeout is 300 ms.")
    public String sleepForMillis(
            @ToolParam(description = "How long to sleep, in milliseconds") @Positive long millis)
            throws InterruptedException {
        Thread.sleep(millis);
        return "slept " + millis + " ms";
    }

    @Tool(name = "hold_slot", maxConcurrency = 2,
            description = "Sleeps while holding one of only two concurrent slots, to exercise the bulkhead.")
    public String holdSlot(@ToolParam(description = "How long to hold the slot, in milliseconds") long millis)
            throws InterruptedException {
        Thread.sleep(millis);
        return "held";
    }

    @Tool(name = "fail_with_message", description = "Always fails with a message meant for the model to read.")
    public String failWithMessage() {
        throw new ToolException("the warehouse is closed on Sundays");
    }

    @Tool(name = "fail_with_bug", description = "Always fails with an unexpected internal exception.")
    public String failWithBug() {
        Object nothing = null;
        return nothing.toString();
    }

    @Tool(name = "greet_async", description = "Greets a person asynchronously through a CompletionStage.")
    public CompletionStage<String> greetAsync(@ToolParam(description = "Name of the person to greet") String name) {
        return CompletableFuture.supplyAsync(() -> "Hello, " + name);
    }

    @Tool(name = "greet_uni", description = "Greets a person asynchronously through a Mutiny Uni.")
    public Uni<String> greetUni(@ToolParam(description = "Name of the person to greet") String name) {
        return Uni.createFrom().item("Hi, " + name);
    }

    private final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> attempts =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Tool(name = "flaky_counter", idempotent = true,
            description = "Fails with a transient error the first N times it is called with a key, then succeeds.")
    public int flakyCounter(@ToolParam(description = "Key that identifies one sequence of attempts") String key,
            @ToolParam(description = "How many attempts fail before one succeeds") int failures) {
        int attempt = attempts.computeIfAbsent(key, k -> new java.util.concurrent.atomic.AtomicInteger())
                .incrementAndGet();
        if (attempt <= failures) {
            throw new java.io.UncheckedIOException(new java.io.IOException("connection reset, attempt " + attempt));
        }
        return attempt;
    }

    @Tool(name = "always_broken", description = "Always fails with a transient error, to open its circuit breaker.")
    public String alwaysBroken() {
        throw new java.io.UncheckedIOException(new java.io.IOException("backend unreachable"));
    }

    @Tool(name = "list_many_rows", description = "Returns the requested number of rows of about one hundred characters.")
    public List<String> listManyRows(@ToolParam(description = "How many rows to return, up to one hundred thousand")
            @Max(100_000) int count) {
        List<String> rows = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(String.format("row %06d ", i) + "x".repeat(89));
        }
        return rows;
    }

    @Tool(name = "read_admin_report", description = "Returns the confidential admin report; admins only.")
    @jakarta.annotation.security.RolesAllowed("admin")
    public String readAdminReport() {
        return "confidential";
    }

    @Tool(name = "whoami_caller", description = "Returns the principal and roles of whoever calls it.")
    public String whoamiCaller(io.toolgate.security.Caller caller) {
        return caller.principal() + " " + new java.util.TreeSet<>(caller.roles());
    }

    private final java.util.concurrent.atomic.AtomicInteger executions = new java.util.concurrent.atomic.AtomicInteger();

    @Tool(name = "count_executions", deterministic = true,
            description = "Returns how often its body has run; deterministic, so repeated calls may be cached.")
    public int countExecutions(@ToolParam(description = "Any label; calls with the same label share a cache entry")
            String label) {
        return executions.incrementAndGet();
    }

    @Tool(name = "report_thread_kind", nonBlocking = true,
            description = "Says whether it runs on a Vert.x event-loop thread; a non-blocking tool does.")
    public String reportThreadKind() {
        return Thread.currentThread().getName().contains("eventloop") ? "event loop" : "worker";
    }
}

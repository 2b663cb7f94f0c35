package io.toolgate.invoke;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The result of one tool call, whatever door it came through: either a result (with the tool's output schema it is
 * also the structured content) or an error code, a message written for the model and field-level details.
 */
public final class Outcome {

    private final JsonNode result;
    private final ErrorCode code;
    private final String message;
    private final List<FieldError> details;
    private final Duration retryAfter;
    private final boolean truncated;
    private final long originalSize;
    private final JsonNode data;
    private String resultUri;
    private long durationNanos;

    private Outcome(JsonNode result, ErrorCode code, String message, List<FieldError> details, Duration retryAfter,
            boolean truncated, long originalSize) {
        this(result, code, message, details, retryAfter, truncated, originalSize, null);
    }

    private Outcome(JsonNode result, ErrorCode code, String message, List<FieldError> details, Duration retryAfter,
            boolean truncated, long originalSize, JsonNode data) {
        this.data = data;
        this.result = result;
        this.code = code;
        this.message = message;
        this.details = details;
        this.retryAfter = retryAfter;
        this.truncated = truncated;
        this.originalSize = originalSize;
    }

    public static Outcome success(JsonNode result) {
        return new Outcome(result, null, null, List.of(), null, false, -1);
    }

    public static Outcome truncated(JsonNode shortened, long originalSize) {
        return new Outcome(shortened, null, null, List.of(), null, true, originalSize);
    }

    public static Outcome failure(ErrorCode code, String message) {
        return new Outcome(null, code, message, List.of(), null, false, -1);
    }

    public static Outcome failure(ErrorCode code, String message, List<FieldError> details) {
        return new Outcome(null, code, message, List.copyOf(details), null, false, -1);
    }

    public static Outcome failure(ErrorCode code, String message, Duration retryAfter) {
        return new Outcome(null, code, message, List.of(), retryAfter, false, -1);
    }

    /** A failure with data only a protocol door renders: the questions of INPUT_REQUIRED, say. */
    public static Outcome failure(ErrorCode code, String message, JsonNode data) {
        return new Outcome(null, code, message, List.of(), null, false, -1, data);
    }

    public boolean isSuccess() {
        return code == null;
    }

    public JsonNode result() {
        return result;
    }

    public ErrorCode code() {
        return code;
    }

    public String message() {
        return message;
    }

    public List<FieldError> details() {
        return details;
    }

    /** When a caller may try again (BUSY, RATE_LIMITED, CIRCUIT_OPEN), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Protocol data of a failure (see {@link #failure(ErrorCode, String, JsonNode)}), or null. */
    public JsonNode data() {
        return data;
    }

    public boolean isTruncated() {
        return truncated;
    }

    public long originalSize() {
        return originalSize;
    }

    /**
     * Where the whole of a truncated result can be read ({@code toolgate://results/<id>}, an MCP resource readable by
     * the same principal until it expires), or null: the MCP door renders it as a {@code resource_link}.
     */
    public String resultUri() {
        return resultUri;
    }

    /** This truncated outcome, pointing at where its whole result was kept. */
    Outcome withResultUri(String uri) {
        this.resultUri = uri;
        return this;
    }

    public long durationNanos() {
        return durationNanos;
    }

    /** Set once by the pipeline's outermost stage, which is the only one that sees the whole call. */
    void durationNanos(long nanos) {
        this.durationNanos = nanos;
    }

    /**
     * The same result with its own timing, for serving a cached outcome to another call. Without the result link:
     * that belongs to the principal of the call that kept it, and the next caller may be another.
     */
    Outcome copy() {
        return new Outcome(result, code, message, details, retryAfter, truncated, originalSize, data);
    }

    public double durationMillis() {
        return Math.round(durationNanos / 10_000.0) / 100.0;
    }
}

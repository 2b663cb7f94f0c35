package io.toolgate.invoke;

/**
 * One violated rule of one argument: {@code field} is a path such as {@code items[0].quantity}, {@code rule} the
 * JSON Schema keyword or constraint that failed, {@code message} a sentence a model can act on.
 */
public record FieldError(String field, String rule, String message) {
}

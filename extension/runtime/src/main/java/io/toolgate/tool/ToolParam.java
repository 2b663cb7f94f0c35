package io.toolgate.tool;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names and describes one parameter of a {@link Tool} method. A parameter is required unless it is an
 * {@code Optional}, has a {@link #defaultValue()}, or says {@code required = false}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ToolParam {

    /** The argument name in JSON; empty takes the Java parameter name in snake_case ({@code maxPrice} -> {@code max_price}). */
    String name() default "";

    /** What the argument means, for the model: at least 20 characters. */
    String description();

    /** A JSON literal (or plain text for strings) used when the argument is absent; published as "default". */
    String defaultValue() default "";

    boolean required() default true;
}

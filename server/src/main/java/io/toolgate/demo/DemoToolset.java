package io.toolgate.demo;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean whose tools belong to the demo toolset, registered only while {@code toolgate.demo.enabled=true};
 * benchmark tools also need {@code toolgate.demo.benchmark-tools=true}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DemoToolset {

    /** Trivial tools for load tests, off unless asked for. */
    boolean benchmark() default false;
}

package dev.mcpws.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one argument of a {@link Tool}. An argument is required unless its type is {@code Optional},
 * {@link #required()} is false, or it has a {@link #defaultValue()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ToolArg {

    /** The argument name; defaults to the Java parameter name. */
    String name() default "";

    String description() default "";

    boolean required() default true;

    /** A default, written as JSON (e.g. {@code "10"}, {@code "\"text\""}, {@code "true"}); empty means none. */
    String defaultValue() default "";
}

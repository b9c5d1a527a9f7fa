package dev.mcpws.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Describes one argument of a {@link Prompt}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface PromptArg {

    /** The argument name; defaults to the Java parameter name. */
    String name() default "";

    String description() default "";

    /** A {@code String} argument is required unless this is false; {@code Optional<String>} ones never are. */
    boolean required() default true;
}

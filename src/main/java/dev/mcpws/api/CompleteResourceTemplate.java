package dev.mcpws.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Completes a variable of a {@link ResourceTemplate} ({@code completion/complete} with {@code ref/resource}); the
 * method is written as for {@link CompletePrompt}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CompleteResourceTemplate {

    /** The URI template, exactly as declared. */
    String value();

    /** The variable completed; defaults to the name of the method's {@code String} parameter. */
    String variable() default "";
}

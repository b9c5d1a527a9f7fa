package dev.mcpws.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Completes an argument of a {@link Prompt} ({@code completion/complete} with {@code ref/prompt}). The method takes
 * the value typed so far as its one {@code String} parameter (whose name is the argument's, unless
 * {@link #argument()} says otherwise), optionally a {@link CompletionContext} (the arguments already chosen) and
 * {@link RequestInfo} / {@link Cancellation}, and returns the suggestions as a {@code List<String>}, best first.
 * The client gets at most 100 of them, with {@code total} and {@code hasMore}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CompletePrompt {

    /** The prompt name. */
    String value();

    /** The argument completed; defaults to the name of the method's {@code String} parameter. */
    String argument() default "";
}

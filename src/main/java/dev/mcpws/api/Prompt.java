package dev.mcpws.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exposes a method of a CDI bean as an MCP prompt ({@code prompts/list}, {@code prompts/get}).
 *
 * <p>Prompt arguments are strings: every {@code String} (required unless {@link PromptArg#required()} is false; absent
 * optional ones are null) or {@code Optional<String>} (optional) parameter is one, named by {@link PromptArg#name()}
 * or the Java parameter name. {@link RequestInfo}, {@link Cancellation} and {@link Progress} parameters are supplied
 * by the server. The method returns a {@code String} (one user message), a {@link PromptMessage}, a
 * {@code List<PromptMessage>}, a {@link PromptResult}, or a {@code CompletionStage} of one of these.
 * Throw {@link InvalidParamsException} to reject an argument value.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Prompt {

    /** The prompt name; defaults to the method name. */
    String name() default "";

    /** A human-readable title (sent to 2025-06-18 and later). */
    String title() default "";

    String description() default "";

    /** Icons for clients of 2025-11-25 and later. */
    Icon[] icons() default {};

    /**
     * Scopes the caller's token must all carry to see and use this prompt (added to the roles of
     * {@code jakarta.annotation.security.RolesAllowed} on the method or its class). A caller without them (or without
     * a token) does not find it in lists and gets "not found" when it names it, unless {@code mcp.auth.forbidden} is
     * {@code challenge}. Empty: everybody.
     */
    String[] scopes() default {};
}

package dev.mcpws.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exposes a method of a CDI bean as an MCP resource template ({@code resources/templates/list}): every URI that
 * matches the RFC 6570 template (levels 1-2: {@code {var}}, {@code {+var}}, {@code {#var}}) is read through it.
 *
 * <p>Each other parameter is bound from the template variable of the same name (compile with {@code -parameters}),
 * converted from the string to its type: {@code String}, numbers, {@code boolean}, enums, {@code UUID},
 * {@code java.time} types, or {@code Optional} of these. A value that does not convert means "not found".
 * {@link RequestInfo}, {@link Cancellation} and {@link Progress} parameters are supplied by the server.
 * Return types are those of {@link McpResource}; contents without a URI get the URI that was read.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ResourceTemplate {

    /** The URI template, e.g. {@code users://{id}/profile} or {@code file:///{+path}}. */
    String uriTemplate();

    /** The template name; defaults to the method name. */
    String name() default "";

    /** A human-readable title (sent to 2025-06-18 and later). */
    String title() default "";

    String description() default "";

    /** The MIME type of every resource of the template, when they share one. */
    String mimeType() default "";

    /** Icons for clients of 2025-11-25 and later. */
    Icon[] icons() default {};

    /**
     * Scopes the caller's token must all carry to see and use this template (added to the roles of
     * {@code jakarta.annotation.security.RolesAllowed} on the method or its class). A caller without them (or without
     * a token) does not find it in lists and gets "not found" when it names it, unless {@code mcp.auth.forbidden} is
     * {@code challenge}. Empty: everybody.
     */
    String[] scopes() default {};

    /** Who the contents are meant for: {@code user} and/or {@code assistant} (annotation {@code audience}). */
    String[] audience() default {};

    /** How important the resources are, 0 (least) to 1 (most); negative means not given. */
    double priority() default -1;
}

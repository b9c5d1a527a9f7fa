package dev.mcpws.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exposes a method of a CDI bean as an MCP resource with a fixed URI ({@code resources/list}, {@code resources/read}).
 * (Named {@code McpResource} because {@code jakarta.annotation.Resource} exists.)
 *
 * <p>The method may declare {@link RequestInfo}, {@link Cancellation} and {@link Progress} parameters, nothing else.
 * It returns a {@code String} (text), a {@code byte[]} (sent base64 as a blob), a {@link ResourceContents}, a
 * {@code List<ResourceContents>}, or a {@code CompletionStage} of one of these. Throw
 * {@link ResourceNotFoundException} when the resource does not exist (any more).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface McpResource {

    /** The resource URI (absolute, e.g. {@code file:///project/README.md} or {@code config://app}). */
    String uri();

    /** The resource name; defaults to the method name. */
    String name() default "";

    /** A human-readable title (sent to 2025-06-18 and later). */
    String title() default "";

    String description() default "";

    /** The MIME type of the contents; also the default of the contents the method returns. */
    String mimeType() default "";

    /** The size of the raw contents in bytes, when known; negative means unknown. */
    long size() default -1;

    /** Icons for clients of 2025-11-25 and later. */
    Icon[] icons() default {};

    /**
     * Scopes the caller's token must all carry to see and use this resource (added to the roles of
     * {@code jakarta.annotation.security.RolesAllowed} on the method or its class). A caller without them (or without
     * a token) does not find it in lists and gets "not found" when it names it, unless {@code mcp.auth.forbidden} is
     * {@code challenge}. Empty: everybody.
     */
    String[] scopes() default {};

    /** Who the contents are meant for: {@code user} and/or {@code assistant} (annotation {@code audience}). */
    String[] audience() default {};

    /** How important the resource is, 0 (least) to 1 (most); negative means not given. */
    double priority() default -1;

    /** When the resource last changed, ISO 8601 with offset (e.g. {@code 2026-01-31T12:00:00Z}); sent from 2025-06-18. */
    String lastModified() default "";
}

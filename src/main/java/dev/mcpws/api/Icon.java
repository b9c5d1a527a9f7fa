package dev.mcpws.api;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An icon of a tool, resource, resource template or prompt (sent to clients of 2025-11-25 and later), e.g.
 * {@code @Tool(icons = @Icon(src = "https://example.com/calc.svg", mimeType = "image/svg+xml"))}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Icon {

    /** An {@code https:} or {@code data:} URI of the image. */
    String src();

    /** The image's MIME type, e.g. {@code image/png}; empty if not given. */
    String mimeType() default "";

    /** Sizes the image fits, e.g. {@code "48x48"} or {@code "any"}. */
    String[] sizes() default {};

    /** {@code light} or {@code dark} when the icon is made for one theme; empty for both. */
    String theme() default "";
}

package dev.mcpws.features;

import dev.mcpws.engine.McpException;
import dev.mcpws.engine.RequestContext;
import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.Json2;
import jakarta.json.JsonArrayBuilder;
import java.util.function.Supplier;

/**
 * What a caller without the scopes of a {@link Guarded} definition sees (one rule for tools, resources, templates and
 * prompts, on every transport). {@link #HIDE} (the default): lists leave it out and using it answers exactly as if it
 * did not exist, so its name does not leak. {@link #CHALLENGE}: lists show it and using it answers -32007 with
 * {@code data.requiredScopes}, which Streamable HTTP turns into 403 with an RFC 6750 {@code insufficient_scope}
 * challenge, so a client can ask its user for a token with more scopes (step-up).
 */
public enum Guard {
    HIDE, CHALLENGE;

    /** From the configuration value {@code hide} or {@code challenge}. */
    public static Guard of(String configured) {
        return switch (configured.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "hide" -> HIDE;
            case "challenge" -> CHALLENGE;
            default -> throw new IllegalArgumentException("mcp.auth.forbidden must be hide or challenge, not '"
                    + configured + "'");
        };
    }

    /** True when a list shows {@code item} to the caller of {@code ctx}. */
    public boolean lists(Guarded item, RequestContext ctx) {
        return this == CHALLENGE || item.access().allows(ctx.principal());
    }

    /**
     * Returns when the caller of {@code ctx} may use {@code item}; otherwise throws what {@code notFound} makes
     * ({@link #HIDE}) or -32007 naming the scopes ({@link #CHALLENGE}).
     */
    public void check(Guarded item, RequestContext ctx, Supplier<McpException> notFound) {
        Access access = item.access();
        if (access.allows(ctx.principal())) {
            return;
        }
        if (this == HIDE) {
            throw notFound.get();
        }
        JsonArrayBuilder scopes = Json2.array();
        access.scopes().forEach(scopes::add);
        throw new McpException(ErrorCodes.INSUFFICIENT_SCOPE, "The caller's token lacks a required scope",
                Json2.object().add("requiredScopes", scopes).build());
    }
}

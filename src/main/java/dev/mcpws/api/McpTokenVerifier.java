package dev.mcpws.api;

import java.util.Optional;

/**
 * Turns authentication on: when the application has a CDI bean of this type, every request to {@code /mcp} (the
 * WebSocket upgrade and Streamable HTTP) must carry {@code Authorization: Bearer <token>} that this bean accepts.
 * Missing or refused tokens get HTTP 401 with {@code WWW-Authenticate: Bearer resource_metadata="..."} pointing at the
 * RFC 9728 metadata ({@code /.well-known/oauth-protected-resource/mcp}); tokens in the query string are never read.
 * A WebSocket whose caller's {@link McpCaller#expiresAt()} has passed is closed with 1008.
 *
 * <p>Validate however your identity provider requires (JWT signature and claims, introspection...). Called once per
 * upgrade or HTTP request, on the request thread; it may block briefly.
 */
@FunctionalInterface
public interface McpTokenVerifier {

    /** The caller the token stands for, or empty when it is not acceptable (unknown, expired, wrong audience...). */
    Optional<McpCaller> verify(String bearerToken);
}

package dev.mcpws.api;

import java.time.Duration;

/**
 * Pings the client of the current request with the MCP {@code ping} method (a server-to-client request of the legacy
 * era; 2026-07-28 has no ping) and returns the round trip. {@code @Inject ClientPing ping} into any bean and call it on
 * the request's thread. Throws {@link ClientRequestException} when the client answers with an error or not within
 * {@code mcp.client-request.timeout-ms}, and {@link IllegalStateException} for a 2026-07-28 request.
 */
public interface ClientPing {

    Duration ping();
}

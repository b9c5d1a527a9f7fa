package dev.mcpws.api;

import java.security.Principal;

/**
 * A CDI event fired when an MCP client connection opens ({@code void on(@Observes McpConnectionOpened e)}).
 * Observers run on the connection's thread: keep them quick.
 *
 * @param connectionId the id used in logs and by {@link RequestInfo#connectionId()}
 * @param transport    {@code websocket}
 * @param subprotocol  the negotiated subprotocol ({@code mcp} or empty)
 * @param principal    the authenticated user, or null
 */
public record McpConnectionOpened(String connectionId, String transport, String subprotocol, Principal principal) {
}

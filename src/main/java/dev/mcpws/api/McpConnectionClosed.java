package dev.mcpws.api;

/**
 * A CDI event fired when an MCP client connection closed ({@code void on(@Observes McpConnectionClosed e)}).
 *
 * @param connectionId the id used in logs and by {@link RequestInfo#connectionId()}
 * @param closeCode    the WebSocket close code (1000 normal, 1001 drain, 1006 abnormal, ...)
 * @param reason       the close reason, possibly empty
 * @param durationMs   how long the connection was open
 */
public record McpConnectionClosed(String connectionId, int closeCode, String reason, long durationMs) {
}

package dev.mcpws.api;

/**
 * CDI event: the client of a legacy connection sent {@code notifications/roots/list_changed} (the cached roots of the
 * connection are dropped before it fires). Observers run on the connection's thread: keep them short.
 */
public record McpRootsChanged(String connectionId) {
}

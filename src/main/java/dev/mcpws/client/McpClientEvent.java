package dev.mcpws.client;

import java.net.URI;

/**
 * A CDI event about a client's connection, fired when the client was built with {@link McpClient.Builder#cdiEvents()}
 * (observe it with {@code @Observes McpClientEvent}). {@code closeCode}/{@code reason} are set for
 * {@link Kind#DISCONNECTED}, {@code server} for {@link Kind#RECONNECTED}, {@code cause} for {@link Kind#GAVE_UP}.
 */
public record McpClientEvent(URI uri, Kind kind, int closeCode, String reason, ServerDescription server, Throwable cause) {

    public enum Kind { DISCONNECTED, RECONNECTED, GAVE_UP }
}

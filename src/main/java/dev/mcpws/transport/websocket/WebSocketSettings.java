package dev.mcpws.transport.websocket;

/**
 * Settings of the WebSocket transport alone (MicroProfile Config keys in the README); the limits both transports
 * share are in {@link dev.mcpws.transport.TransportSettings}.
 *
 * @param idleTimeoutMs       close a socket without traffic for this long (0 = never)
 * @param maxQueuedMessages   messages waiting to be written to one socket; more closes it with 1013
 * @param heartbeatIntervalMs ping every socket this often (0 = no heartbeat)
 * @param heartbeatMaxMissed  close a socket after this many pings in a row went unanswered
 * @param maxQueuedBytes      UTF-8 bytes waiting to be written to one socket; more closes it with 1013
 * @param closeTimeoutMs      how long a close the server started waits for the peer's close frame before the
 *                            connection is released anyway
 * @param sendTimeoutMs       how long one message may take to be written before the socket is closed with 1013
 *                            (0 = no limit)
 */
public record WebSocketSettings(long idleTimeoutMs, int maxQueuedMessages, long heartbeatIntervalMs,
                                int heartbeatMaxMissed, long maxQueuedBytes, long closeTimeoutMs,
                                long sendTimeoutMs) {


    public WebSocketSettings {
        if (maxQueuedMessages < 1 || heartbeatMaxMissed < 1) {
            throw new IllegalArgumentException("mcp.websocket.max-queued-messages and mcp.heartbeat.max-missed must be >= 1");
        }
        if (maxQueuedBytes < 1) {
            throw new IllegalArgumentException("mcp.websocket.max-queued-bytes must be >= 1");
        }
        if (idleTimeoutMs < 0 || heartbeatIntervalMs < 0 || closeTimeoutMs < 0 || sendTimeoutMs < 0) {
            throw new IllegalArgumentException("timeouts and intervals must be >= 0");
        }
    }
}

package dev.mcpws.transport.websocket;

/**
 * Settings of the WebSocket transport (MicroProfile Config keys in the README).
 *
 * @param maxMessageBytes     largest accepted message; larger closes with 1009
 * @param idleTimeoutMs       close a socket without traffic for this long (0 = never)
 * @param maxConnections      open sockets per server; more are refused with HTTP 503 (or closed with 1013)
 * @param maxQueuedMessages   messages waiting to be written to one socket; more closes it with 1013
 * @param heartbeatIntervalMs ping every socket this often (0 = no heartbeat)
 * @param heartbeatMaxMissed  close a socket after this many pings in a row went unanswered
 * @param drainTimeoutMs      on shutdown, how long in-flight requests may run before sockets are closed with 1001
 * @param retryAfterSeconds   the Retry-After of a refused upgrade
 */
public record TransportSettings(int maxMessageBytes, long idleTimeoutMs, int maxConnections, int maxQueuedMessages,
                                long heartbeatIntervalMs, int heartbeatMaxMissed, long drainTimeoutMs,
                                int retryAfterSeconds) {

    public TransportSettings {
        positive("mcp.websocket.max-message-bytes", maxMessageBytes);
        positive("mcp.limits.max-connections", maxConnections);
        positive("mcp.websocket.max-queued-messages", maxQueuedMessages);
        positive("mcp.heartbeat.max-missed", heartbeatMaxMissed);
        if (idleTimeoutMs < 0 || heartbeatIntervalMs < 0 || drainTimeoutMs < 0 || retryAfterSeconds < 0) {
            throw new IllegalArgumentException("timeouts and intervals must be >= 0");
        }
    }

    private static void positive(String key, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be >= 1, was " + value);
        }
    }
}

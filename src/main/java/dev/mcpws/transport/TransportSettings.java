package dev.mcpws.transport;

/**
 * The limits and policies every transport applies the same way (MicroProfile Config keys in the README).
 *
 * @param origins           {@code mcp.allowed-origins}: which browser origins may use {@code /mcp}
 * @param hosts             {@code mcp.allowed-hosts}: which {@code Host} names a loopback-bound server accepts
 * @param maxMessageBytes   {@code mcp.limits.max-message-bytes}: the largest message (WebSocket: 1009; HTTP: 413)
 * @param maxConnections    {@code mcp.limits.max-connections}: WebSockets plus legacy HTTP sessions; more are refused
 *                          with 503 (a WebSocket that races past the check is closed with 1013)
 * @param retryAfterSeconds {@code mcp.limits.retry-after-seconds}: the {@code Retry-After} of every 503
 * @param drainTimeoutMs    {@code mcp.drain.timeout-ms}: on shutdown, how long in-flight requests may run before
 *                          connections are closed
 */
public record TransportSettings(OriginPolicy origins, HostPolicy hosts, int maxMessageBytes, int maxConnections, int retryAfterSeconds,
                                long drainTimeoutMs) {

    public TransportSettings {
        if (maxMessageBytes < 1 || maxConnections < 1) {
            throw new IllegalArgumentException("mcp.limits.max-message-bytes and mcp.limits.max-connections must be >= 1");
        }
        if (retryAfterSeconds < 0 || drainTimeoutMs < 0) {
            throw new IllegalArgumentException("mcp.limits.retry-after-seconds and mcp.drain.timeout-ms must be >= 0");
        }
    }
}

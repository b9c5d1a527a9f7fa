package dev.mcpws.transport.http;

/**
 * Settings of the Streamable HTTP transport alone (MicroProfile Config keys in the README); the limits both
 * transports share are in {@link dev.mcpws.transport.TransportSettings}.
 *
 * @param sessionIdleMs a legacy session without requests or streams for this long is ended (0 = never)
 * @param keepAliveMs   an SSE comment this often on open streams, which also detects clients gone away (0 = off)
 */
public record HttpSettings(long sessionIdleMs, long keepAliveMs) {

    public HttpSettings {
        if (sessionIdleMs < 0 || keepAliveMs < 0) {
            throw new IllegalArgumentException("mcp.http.session-idle-timeout-ms and mcp.http.sse-keepalive-ms must be >= 0");
        }
    }
}

package dev.mcpws.transport.http;

/**
 * Settings of the Streamable HTTP transport alone (MicroProfile Config keys in the README); the limits both
 * transports share are in {@link dev.mcpws.transport.TransportSettings}.
 *
 * @param sessionIdleMs a legacy session without requests or streams for this long is ended (0 = never)
 * @param keepAliveMs   an SSE comment this often on open streams, which also detects clients gone away (0 = off)
 * @param bodyTimeoutMs a POST body must arrive in full within this long of its headers, else 408 (0 = no deadline)
 */
public record HttpSettings(long sessionIdleMs, long keepAliveMs, long bodyTimeoutMs) {

    public HttpSettings {
        if (sessionIdleMs < 0 || keepAliveMs < 0 || bodyTimeoutMs < 0) {
            throw new IllegalArgumentException("mcp.http.session-idle-timeout-ms, mcp.http.sse-keepalive-ms and "
                    + "mcp.http.body-timeout-ms must be >= 0");
        }
    }
}

package dev.mcpws.transport.http;

/**
 * Settings of the Streamable HTTP transport (MicroProfile Config keys in the README).
 *
 * @param origins            {@code mcp.http.allowed-origins} (default: {@code mcp.websocket.allowed-origins})
 * @param maxMessageBytes    largest accepted POST body; larger is refused with 413
 * @param maxSessions        legacy sessions per server; an initialize beyond is refused with 503
 * @param sessionIdleMs      a legacy session without requests or streams for this long is ended (0 = never)
 * @param keepAliveMs        an SSE comment this often on open streams, which also detects clients gone away (0 = off)
 */
public record HttpSettings(OriginPolicy origins, int maxMessageBytes, int maxSessions, long sessionIdleMs,
                           long keepAliveMs) {

    public HttpSettings {
        if (maxMessageBytes < 1 || maxSessions < 1 || sessionIdleMs < 0 || keepAliveMs < 0) {
            throw new IllegalArgumentException("invalid mcp.http settings: " + maxMessageBytes + ", " + maxSessions
                    + ", " + sessionIdleMs + ", " + keepAliveMs);
        }
    }
}

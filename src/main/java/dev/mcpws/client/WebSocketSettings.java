package dev.mcpws.client;

import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * How the client opens and keeps its WebSocket: shared by {@link McpClient} and the stdio bridge.
 *
 * @param uri             the ws:// or wss:// URL
 * @param headers         extra handshake headers
 * @param bearerToken     asked on every connection attempt (tokens may refresh); null for none
 * @param tokenInSubprotocol send the token as the subprotocol {@code mcp.auth.<base64url token>} next to {@code mcp}
 *                        (SEP-1288, the way of browsers) instead of {@code Authorization}
 * @param sslContext      for wss; null for the container's default
 * @param insecure        trust every certificate and skip host name checks (development keystores only; Tyrus only)
 * @param connectTimeout  the longest WebSocket handshake (Tyrus; inside Liberty the container's own)
 * @param reconnect       backoff and limits after a lost connection
 * @param heartbeat       ping interval and pong timeout
 * @param maxMessageBytes the largest text message accepted from the server
 * @param container       the WebSocket container; null for {@code ContainerProvider.getWebSocketContainer()}
 */
public record WebSocketSettings(URI uri, Map<String, String> headers, Supplier<String> bearerToken, boolean tokenInSubprotocol,
        SSLContext sslContext,
        boolean insecure, Duration connectTimeout, ReconnectPolicy reconnect, Heartbeat heartbeat, int maxMessageBytes,
        WebSocketContainer container) {

    public WebSocketSettings {
        Objects.requireNonNull(uri, "uri");
        if (!"ws".equalsIgnoreCase(uri.getScheme()) && !"wss".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("a ws:// or wss:// URL, please: " + uri);
        }
        headers = Map.copyOf(headers == null ? Map.of() : headers);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        reconnect = reconnect == null ? ReconnectPolicy.DEFAULT : reconnect;
        heartbeat = heartbeat == null ? Heartbeat.DEFAULT : heartbeat;
        if (maxMessageBytes <= 0) {
            maxMessageBytes = 16 * 1024 * 1024;
        }
    }

    public static WebSocketSettings of(URI uri) {
        return new WebSocketSettings(uri, Map.of(), null, false, null, false, null, null, null, 0, null);
    }
}

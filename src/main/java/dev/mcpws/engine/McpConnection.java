package dev.mcpws.engine;

import dev.mcpws.protocol.JsonRpcMessage;
import java.security.Principal;

/**
 * What a transport gives the engine for one client connection. Implementations must let any thread call
 * {@link #send} and must keep the order of sends per connection without blocking other connections.
 */
public interface McpConnection {

    /** A short id, unique in this server, for logs and metrics. */
    String id();

    /** Queues a message to the peer. Does nothing after the connection closed. */
    void send(JsonRpcMessage message);

    /** Closes the connection with a WebSocket-style close code and a short reason. */
    void close(int code, String reason);

    /** The authenticated user of the connection (from the upgrade request), or null. */
    Principal principal();
}

package dev.mcpws.engine;

import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.protocol.RequestId;
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

    /**
     * Queues a notification that belongs to the request {@code relatedTo} (progress, a log message). A transport that
     * scopes output per request (Streamable HTTP) routes it with the request; the default just sends it.
     */
    default void send(JsonRpcMessage message, RequestId relatedTo) {
        send(message);
    }

    /** The request {@code id} ended without a response (it was cancelled); a per-request transport may end its stream. */
    default void skipped(RequestId id) {
        // nothing was waiting
    }
}

package dev.mcpws.engine;

import dev.mcpws.protocol.JsonRpcMessage;
import java.security.Principal;

/**
 * What a transport tells the engine about one client connection: who it is, and how to reach it with messages that
 * belong to no request (list changes, resource updates of a legacy subscription). The output of a request goes through
 * its {@link RequestChannel}. Implementations must let any thread call {@link #send} and keep the order of sends.
 */
public interface McpConnection {

    /** A short id, unique in this server, for logs and metrics. */
    String id();

    /** The transport's name for metrics, events and health data: {@code websocket} or {@code http}. */
    String transport();

    /** The authenticated user of the connection, or null. */
    Principal principal();

    /** Queues a message that belongs to no request. Does nothing after the connection closed, or where none can go. */
    void send(JsonRpcMessage message);

    /** Closes the connection with a WebSocket-style close code and a short reason. */
    void close(int code, String reason);
}

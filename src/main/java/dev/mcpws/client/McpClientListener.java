package dev.mcpws.client;

import jakarta.json.JsonObject;
import java.time.Duration;

/**
 * Observes a client's connection and the server's notifications. Every method has an empty default; they run on the
 * client's threads and must return quickly. (In a CDI application, fire your own events from here.)
 */
public interface McpClientListener {

    /** The connection dropped; {@code willReconnect} tells whether the client tries again. */
    default void disconnected(int closeCode, String reason, boolean willReconnect) {
    }

    /** The client is connected again and has re-established its session (handshake, subscriptions, listens). */
    default void reconnected(ServerDescription server) {
    }

    /** The client gave up reconnecting: it is closed, every request fails. */
    default void gaveUp(Throwable cause) {
    }

    /** A heartbeat ping was answered. */
    default void roundTrip(Duration rtt) {
    }

    /** A {@code notifications/message} log entry (params as sent: level, logger, data). */
    default void log(JsonObject params) {
    }

    /** {@code notifications/tools|resources|prompts/list_changed}: {@code kind} is "tools", "resources" or "prompts". */
    default void listChanged(String kind) {
    }

    /** Any other notification. */
    default void notification(String method, JsonObject params) {
    }
}

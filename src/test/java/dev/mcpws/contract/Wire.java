package dev.mcpws.contract;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * One client's line to the server: sends JSON-RPC messages, and puts every message the server sends for this client
 * into its {@link Inbox}. Each transport does here what it needs (sessions, headers, streams); the scenarios never see it.
 */
public interface Wire extends AutoCloseable {

    /**
     * Sends one JSON-RPC message (request, notification or response). {@code modern} says which era the client speaks,
     * for transports that signal it outside the message (HTTP headers).
     */
    void send(JsonObject message, boolean modern);

    /** Sends a JSON-RPC batch (an array) as one message. */
    void sendBatch(jakarta.json.JsonArray batch);

    /** Cancels the request {@code id} the way this transport does it. */
    void cancel(JsonValue id, boolean modern);

    Inbox inbox();

    @Override
    void close();
}

package dev.mcpws.engine;

import dev.mcpws.protocol.JsonRpcMessage;

/**
 * Where the output of one request goes: its final answer, the messages that belong to it while it runs (progress, log
 * messages, server-to-client requests), or the news that it ended without an answer (cancelled). A WebSocket's channel
 * writes all of them to the socket; a Streamable HTTP channel is the POST's exchange (a JSON body or an SSE stream).
 * Any thread may call it; after the final call ({@link #respond} or {@link #skip}) nothing more is sent for the request.
 */
public interface RequestChannel {

    /** The final answer: a response, or the response array of a batch. */
    void respond(JsonRpcMessage response);

    /** A notification or server-to-client request that belongs to the request. */
    void notify(JsonRpcMessage message);

    /**
     * A message of a long-lived request ({@code subscriptions/listen}) sent by a thread that does not serve it: one
     * change fanned out to every listener. The transport must not make that thread wait for this peer's writes (a
     * WebSocket hands it to a write thread); by default the same as {@link #notify}.
     */
    default void notifyDetached(JsonRpcMessage message) {
        notify(message);
    }

    /** The request ended without an answer (it was cancelled). */
    void skip();

    /**
     * The protocol version the transport declared for this request outside the message (Streamable HTTP's
     * {@code MCP-Protocol-Version} header), or null. The {@link EraRule} reads it.
     */
    default String declaredVersion() {
        return null;
    }
}

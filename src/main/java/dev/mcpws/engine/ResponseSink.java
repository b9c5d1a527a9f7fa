package dev.mcpws.engine;

import dev.mcpws.protocol.JsonRpcResponse;

/** Where the outcome of one request goes: straight to the connection, or into a batch being collected. */
interface ResponseSink {

    void respond(JsonRpcResponse response);

    /** The request ended without a response (it was cancelled). */
    void skip();
}

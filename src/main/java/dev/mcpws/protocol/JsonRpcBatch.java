package dev.mcpws.protocol;

import java.util.List;

/** A JSON-RPC batch (a JSON array of messages). Only protocol version 2025-03-26 accepts them. */
public record JsonRpcBatch(List<JsonRpcMessage> messages) implements JsonRpcMessage {

    public JsonRpcBatch {
        messages = List.copyOf(messages);
    }
}

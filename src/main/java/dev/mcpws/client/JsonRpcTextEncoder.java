package dev.mcpws.client;

import dev.mcpws.protocol.JsonRpcCodec;
import dev.mcpws.protocol.JsonRpcMessage;
import jakarta.websocket.Encoder;

/** The client's encoder: one JSON-RPC message per text frame, with the same codec as the server. */
public class JsonRpcTextEncoder implements Encoder.Text<JsonRpcMessage> {

    @Override
    public String encode(JsonRpcMessage message) {
        return JsonRpcCodec.encode(message);
    }
}

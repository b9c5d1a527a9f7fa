package dev.mcpws.transport.websocket;

import dev.mcpws.protocol.JsonRpcCodec;
import dev.mcpws.protocol.JsonRpcMessage;
import jakarta.websocket.Encoder;

/** Encodes a {@link JsonRpcMessage} as one JSON text frame. */
public class JsonRpcEncoder implements Encoder.Text<JsonRpcMessage> {

    @Override
    public String encode(JsonRpcMessage message) {
        return JsonRpcCodec.encode(message);
    }
}

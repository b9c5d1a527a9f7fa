package dev.mcpws.transport.websocket;

import dev.mcpws.protocol.JsonRpcCodec;
import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.transport.TransportListener;
import dev.mcpws.transport.Utf8;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;

/**
 * Encodes a {@link JsonRpcMessage} as one JSON text frame and counts it for the metrics. Each connection's send queue
 * owns one (so every frame is counted exactly once, whatever the container does with its own encoder instances); it is
 * also registered on the endpoint for code that sends through the {@code Session} directly.
 */
public class JsonRpcEncoder implements Encoder.Text<JsonRpcMessage> {

    private TransportListener listener = new TransportListener() { };

    /** For the container. */
    public JsonRpcEncoder() {
    }

    JsonRpcEncoder(TransportListener listener) {
        this.listener = listener;
    }

    @Override
    public void init(EndpointConfig config) {
        listener = WebSocketTransport.current().listener();
    }

    @Override
    public String encode(JsonRpcMessage message) {
        String text = JsonRpcCodec.encode(message);
        listener.sent(WebSocketTransport.NAME, Utf8.length(text));
        return text;
    }
}

package dev.mcpws.transport.websocket;

import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.InvalidMessage;
import dev.mcpws.protocol.JsonRpcCodec;
import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.transport.TransportListener;
import dev.mcpws.transport.Utf8;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;

/**
 * Decodes one text message into a {@link JsonRpcMessage}. It never fails: bad JSON and non-JSON-RPC input decode to an
 * {@code InvalidMessage} that the engine answers with -32700 / -32600, so the socket stays open. A message larger than
 * {@code mcp.limits.max-message-bytes} (UTF-8) is not parsed at all: it decodes to an {@code InvalidMessage} with
 * {@link ErrorCodes#MESSAGE_TOO_BIG}, on which the endpoint closes the socket with 1009. (The container checks the
 * size of each frame; this checks the reassembled message.)
 */
public class JsonRpcDecoder implements Decoder.Text<JsonRpcMessage> {

    private int maxBytes = Integer.MAX_VALUE;
    private TransportListener listener = new TransportListener() { };

    @Override
    public void init(EndpointConfig config) {
        WebSocketTransport transport = WebSocketTransport.current(); // called per message by Liberty: no CDI lookup
        maxBytes = transport.shared().maxMessageBytes();
        listener = transport.listener();
    }

    @Override
    public JsonRpcMessage decode(String text) {
        int bytes = Utf8.length(text); // once per message: the metrics and the size check share it
        listener.received(WebSocketTransport.NAME, bytes);
        if (bytes > maxBytes) {
            return new InvalidMessage(null, ErrorCodes.MESSAGE_TOO_BIG,
                    "Message larger than " + maxBytes + " bytes");
        }
        return JsonRpcCodec.decode(text);
    }

    @Override
    public boolean willDecode(String text) {
        return text != null;
    }
}

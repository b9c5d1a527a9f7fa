package dev.mcpws.client;

import dev.mcpws.protocol.JsonRpcCodec;
import dev.mcpws.protocol.JsonRpcMessage;
import jakarta.websocket.Decoder;

/**
 * The client's decoder, with the same codec as the server: it never throws; text that is not JSON-RPC decodes to an
 * {@code InvalidMessage}, which the client logs and ignores.
 */
public class JsonRpcTextDecoder implements Decoder.Text<JsonRpcMessage> {

    @Override
    public JsonRpcMessage decode(String text) {
        return JsonRpcCodec.decode(text);
    }

    @Override
    public boolean willDecode(String text) {
        return text != null;
    }
}

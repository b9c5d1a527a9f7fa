package dev.mcpws.client;

import dev.mcpws.protocol.JsonRpcMessage;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.util.List;
import java.util.Map;

/**
 * One WebSocket connection of the client: the annotated endpoint the container drives. It offers the {@code mcp}
 * subprotocol, encodes and decodes with the shared JSON-RPC codec, and hands every event to its
 * {@link ReconnectingWebSocket}, which ignores events of connections it has already replaced.
 */
@ClientEndpoint(subprotocols = "mcp", encoders = JsonRpcTextEncoder.class, decoders = JsonRpcTextDecoder.class,
        configurator = McpClientEndpoint.Handshake.class)
public class McpClientEndpoint {

    private final ReconnectingWebSocket owner;
    private final int maxMessageBytes;
    volatile Session session;
    /** {@code System.nanoTime()} of the ping awaiting its pong, or 0. */
    volatile long pingSentNanos;

    McpClientEndpoint(ReconnectingWebSocket owner, int maxMessageBytes) {
        this.owner = owner;
        this.maxMessageBytes = maxMessageBytes;
    }

    @OnOpen
    public void onOpen(Session s) {
        session = s;
        s.setMaxTextMessageBufferSize(maxMessageBytes);
    }

    @OnMessage
    public void onMessage(JsonRpcMessage message) {
        owner.received(this, message);
    }

    @OnMessage
    public void onPong(PongMessage pong) {
        owner.pong(this, pong.getApplicationData());
    }

    @OnClose
    public void onClose(CloseReason reason) {
        owner.closed(this, reason.getCloseCode().getCode(), reason.getReasonPhrase());
    }

    @OnError
    public void onError(Throwable error) {
        owner.failed(this, error);
    }

    /**
     * Adds the handshake headers (custom headers, {@code Authorization} or the token subprotocol) of the connection being opened. The container
     * creates the configurator from the annotation, so the headers travel in a thread-local set around
     * {@code connectToServer}; both Tyrus and Liberty build the upgrade request on the calling thread.
     */
    public static class Handshake extends ClientEndpointConfig.Configurator {

        static final ThreadLocal<Map<String, List<String>>> NEXT = new ThreadLocal<>();

        @Override
        public void beforeRequest(Map<String, List<String>> headers) {
            Map<String, List<String>> extra = NEXT.get();
            if (extra == null) {
                return;
            }
            if (extra.keySet().stream().noneMatch("Origin"::equalsIgnoreCase)) {
                // a browser sends Origin, a server-side client has none (Tyrus invents one; servers may refuse it)
                headers.keySet().removeIf("Origin"::equalsIgnoreCase);
            }
            // replace, whatever the case of the container's key (Sec-WebSocket-Protocol when the token travels in it)
            extra.keySet().forEach(name -> headers.keySet().removeIf(name::equalsIgnoreCase));
            headers.putAll(extra);
        }
    }
}

package dev.mcpws.transport.websocket;

import dev.mcpws.engine.McpEngine;
import dev.mcpws.engine.McpSession;
import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.InvalidMessage;
import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.transport.Connections;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.logging.Logger;

/**
 * {@code /mcp}: one JSON-RPC message per text frame, handed to the {@link McpEngine} with the socket as the channel
 * of its requests. One instance per connection. Thin on purpose: the engine has the protocol, {@link Connections}
 * the cap and drain, {@link WebSocketTransport} the heartbeat.
 */
@ServerEndpoint(value = "/mcp",
        subprotocols = McpEndpointConfigurator.SUBPROTOCOL,
        encoders = JsonRpcEncoder.class,
        decoders = JsonRpcDecoder.class,
        configurator = McpEndpointConfigurator.class)
public class McpEndpoint {

    private static final Logger LOG = Logger.getLogger(McpEndpoint.class.getName());

    private WebSocketTransport transport;
    private McpEngine engine;
    private WebSocketConnection connection;
    private McpSession session;

    @OnOpen
    public void open(Session ws) throws java.io.IOException {
        transport = WebSocketTransport.current();
        Connections connections = transport.connections();
        if (!connections.reserve()) {
            // the request filter refuses with 503 first; this catches a race of upgrades at the cap
            ws.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER,
                    connections.draining() ? "server shutting down" : "too many connections"));
            return;
        }
        WebSocketSettings settings = transport.settings();
        ws.setMaxTextMessageBufferSize(transport.shared().maxMessageBytes());
        ws.setMaxIdleTimeout(settings.idleTimeoutMs());
        engine = transport.engine();
        connection = new WebSocketConnection(ws, settings.maxQueuedMessages(), transport.listener(), transport.closer());
        transport.opened(connection);
        session = connections.open(connection, ws.getNegotiatedSubprotocol());
    }

    @OnMessage
    public void message(JsonRpcMessage message) {
        if (message instanceof InvalidMessage m && m.code() == ErrorCodes.MESSAGE_TOO_BIG) {
            connection.close(CloseReason.CloseCodes.TOO_BIG.getCode(), m.reason());
            return;
        }
        engine.onMessage(session, message, connection);
    }

    /** Binary frames are refused (1003) on their first fragment, whatever their size. */
    @OnMessage
    public void binary(ByteBuffer ignored, boolean last) {
        connection.close(CloseReason.CloseCodes.CANNOT_ACCEPT.getCode(), "Binary messages are not supported; send UTF-8 text");
    }

    @OnMessage
    public void pong(PongMessage pong) {
        connection.pong(pong.getApplicationData());
    }

    @OnClose
    public void close(CloseReason reason) {
        if (connection != null) {
            connection.markClosed(reason.getCloseCode().getCode());
            transport.closed(connection);
            transport.connections().closed(connection, connection.closeCode(), reason.getReasonPhrase());
        }
    }

    /**
     * An error the container met on this socket (a bad frame, bad UTF-8, a failed read): logged (FINE), and the
     * socket closed by us with a generic reason before the container closes it with one that names its classes.
     */
    @OnError
    public void error(Session ws, Throwable t) {
        dev.mcpws.diagnostics.Messages.WEBSOCKET_ERROR.log(LOG, t, connection == null ? ws.getId() : connection.id());
        CloseReason reason = closeReasonOf(t);
        if (connection != null) {
            connection.markClosed(reason.getCloseCode().getCode());
        }
        // on this thread, not through the connection's closer: the container closes the socket when we return
        try {
            if (ws.isOpen()) {
                ws.close(reason);
            }
        } catch (java.io.IOException | RuntimeException gone) {
            dev.mcpws.diagnostics.Messages.CLOSE_FAILED.log(LOG, gone, connection == null ? ws.getId() : connection.id());
        }
    }

    /**
     * 1007 for text that is not UTF-8, 1011 for an unexpected exception of ours, 1002 for any other error the
     * container reports (a read that failed, a frame it could not take): never the exception's message.
     */
    static CloseReason closeReasonOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.nio.charset.CharacterCodingException) {
                return new CloseReason(CloseReason.CloseCodes.NOT_CONSISTENT, "invalid UTF-8 in a text message");
            }
        }
        if (t instanceof RuntimeException || t instanceof Error) {
            return new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "internal error");
        }
        return new CloseReason(CloseReason.CloseCodes.PROTOCOL_ERROR, "protocol error");
    }
}

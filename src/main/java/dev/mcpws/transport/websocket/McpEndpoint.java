package dev.mcpws.transport.websocket;

import dev.mcpws.engine.McpEngine;
import dev.mcpws.engine.McpSession;
import dev.mcpws.protocol.JsonRpcCodec;
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
        configurator = McpEndpointConfigurator.class)
public class McpEndpoint {

    private static final Logger LOG = Logger.getLogger(McpEndpoint.class.getName());

    private WebSocketTransport transport;
    private McpEngine engine;
    private WebSocketConnection connection;
    private McpSession session;
    private MessageAssembler assembler;

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
        int maxBytes = transport.shared().maxMessageBytes();
        ws.setMaxTextMessageBufferSize(maxBytes);
        ws.setMaxIdleTimeout(settings.idleTimeoutMs());
        engine = transport.engine();
        assembler = new MessageAssembler(maxBytes);
        connection = new WebSocketConnection(ws, settings.maxQueuedMessages(), settings.maxQueuedBytes(),
                transport.listener(), transport.closer(), transport::write);
        connection.onRelease(this::release, settings.closeTimeoutMs());
        try {
            session = connections.open(connection, ws.getNegotiatedSubprotocol());
        } catch (RuntimeException e) {
            connections.unreserve(); // the slot was taken, the connection never opened
            connection = null;
            ws.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "internal error"));
            throw e;
        }
        transport.opened(connection);
    }

    /**
     * A part of a text message (the container hands them over as frames arrive): reassembled here with a running
     * size, so a message that passes {@code mcp.limits.max-message-bytes} is refused with 1009 at once, whatever the
     * container would buffer; a whole message is decoded (never failing: bad input is an {@code InvalidMessage} the
     * engine answers) and handed to the engine.
     */
    @OnMessage
    public void text(String part, boolean last) {
        if (connection == null || connection.isClosed()) {
            return;
        }
        connection.heard();
        String message = assembler.add(part, last);
        if (assembler.overLimit()) {
            connection.close(CloseReason.CloseCodes.TOO_BIG.getCode(),
                    "Message larger than " + assembler.maxBytes() + " bytes");
            return;
        }
        if (message != null) {
            transport.listener().received(WebSocketTransport.NAME, assembler.lastBytes());
            engine.onMessage(session, JsonRpcCodec.decode(message), connection);
        }
    }

    /** Binary frames are refused (1003) on their first fragment, whatever their size. */
    @OnMessage
    public void binary(ByteBuffer ignored, boolean last) {
        if (connection == null) {
            return;
        }
        connection.close(CloseReason.CloseCodes.CANNOT_ACCEPT.getCode(), "Binary messages are not supported; send UTF-8 text");
    }

    @OnMessage
    public void pong(PongMessage pong) {
        if (connection != null) {
            connection.pong(pong.getApplicationData());
        }
    }

    @OnClose
    public void close(CloseReason reason) {
        if (connection != null) {
            connection.markClosed(observedCode(reason.getCloseCode().getCode(), connection.isClosed()));
            closeReason = reason.getReasonPhrase();
            connection.release();
        }
    }

    private volatile String closeReason;

    /** Gives the connection's slot back: once, on the container's close event or the close timeout. */
    private void release() {
        transport.closed(connection);
        transport.connections().closed(connection, connection.closeCode(), closeReason);
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
            // a failed read of a vanished peer is an abnormal closure (1006), not a protocol or internal error
            connection.markClosed(peerGone(t) ? CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode()
                    : reason.getCloseCode().getCode());
        }
        // on this thread, not through the connection's closer: the container closes the socket when we return
        try {
            if (ws.isOpen()) {
                ws.close(reason);
            }
        } catch (java.io.IOException | RuntimeException gone) {
            dev.mcpws.diagnostics.Messages.CLOSE_FAILED.log(LOG, gone, connection == null ? ws.getId() : connection.id());
        }
        if (connection != null) {
            connection.releaseIfNotClosedInTime(); // should the container never report the close
        }
    }

    /**
     * The close code to count for a socket the container reports closed. Liberty reports a peer that vanished (TCP
     * reset, end of stream without a close frame) as 1011 with "Connection reset" / "Connection closed: Read failed";
     * a 1011 the server did not send itself is therefore counted as 1006 (abnormal closure), so an abrupt disconnect
     * never looks like an internal error of the server. Codes the server sent are kept as they are.
     */
    static int observedCode(int reported, boolean closedByServer) {
        int internal = CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode();
        return reported == internal && !closedByServer ? CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode() : reported;
    }

    /** The error is an I/O failure of the connection itself (reset, closed under us), not bad input. */
    static boolean peerGone(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.nio.charset.CharacterCodingException) {
                return false;
            }
            if (c instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
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

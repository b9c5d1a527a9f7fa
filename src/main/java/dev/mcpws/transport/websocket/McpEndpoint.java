package dev.mcpws.transport.websocket;

import dev.mcpws.cdi.McpServer;
import dev.mcpws.engine.McpEngine;
import dev.mcpws.engine.McpSession;
import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.InvalidMessage;
import dev.mcpws.protocol.JsonRpcMessage;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /mcp}: one JSON-RPC message per text frame, handed to the {@link McpEngine}. One instance per connection.
 */
@ServerEndpoint(value = "/mcp",
        subprotocols = McpEndpointConfigurator.SUBPROTOCOL,
        encoders = JsonRpcEncoder.class,
        decoders = JsonRpcDecoder.class,
        configurator = McpEndpointConfigurator.class)
public class McpEndpoint {

    private static final Logger LOG = Logger.getLogger(McpEndpoint.class.getName());

    private McpEngine engine;
    private WebSocketConnection connection;
    private McpSession session;

    @OnOpen
    public void open(Session ws) {
        McpServer server = CDI.current().select(McpServer.class).get();
        ws.setMaxTextMessageBufferSize(server.settings().maxMessageBytes());
        ws.setMaxIdleTimeout(server.settings().idleTimeoutMs());
        engine = server.engine();
        connection = new WebSocketConnection(ws);
        session = engine.open(connection);
    }

    @OnMessage
    public void message(JsonRpcMessage message) {
        if (message instanceof InvalidMessage m && m.code() == ErrorCodes.MESSAGE_TOO_BIG) {
            connection.close(CloseReason.CloseCodes.TOO_BIG.getCode(), m.reason());
            return;
        }
        engine.onMessage(session, message);
    }

    /** Binary frames are refused (1003) on their first fragment, whatever their size. */
    @OnMessage
    public void binary(ByteBuffer ignored, boolean last) {
        connection.close(CloseReason.CloseCodes.CANNOT_ACCEPT.getCode(), "Binary messages are not supported; send UTF-8 text");
    }

    @OnClose
    public void close(CloseReason reason) {
        if (connection != null) {
            connection.markClosed();
            engine.onClose(session);
        }
    }

    @OnError
    public void error(Session ws, Throwable t) {
        LOG.log(Level.FINE, t, () -> "MCPWS0403W: WebSocket error on " + (connection == null ? ws.getId() : connection.id()));
    }
}

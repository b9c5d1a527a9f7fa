package dev.mcpws.transport.websocket;

import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * Selects the {@code mcp} subprotocol when the client offers it (and none otherwise). A token a browser offers as
 * {@code mcp.auth.<base64url token>} (read by {@code dev.mcpws.auth.BearerAuth}) is never selected nor echoed. The Origin policy is applied
 * before the upgrade, for both transports, by {@link dev.mcpws.transport.McpRequestFilter}.
 */
public class McpEndpointConfigurator extends ServerEndpointConfig.Configurator {

    public static final String SUBPROTOCOL = "mcp";

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return requested.contains(SUBPROTOCOL) ? SUBPROTOCOL : "";
    }
}

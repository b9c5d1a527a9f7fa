package dev.mcpws.transport.websocket;

import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The upgrade policy of {@code /mcp}: selects the {@code mcp} subprotocol when the client offers it (and none
 * otherwise), and refuses an {@code Origin} outside {@code mcp.websocket.allowed-origins} with HTTP 403.
 */
public class McpEndpointConfigurator extends ServerEndpointConfig.Configurator {

    public static final String SUBPROTOCOL = "mcp";

    private final Set<String> allowedOrigins = ConfigProvider.getConfig()
            .getOptionalValue("mcp.websocket.allowed-origins", String.class)
            .map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(o -> !o.isEmpty()).collect(Collectors.toSet()))
            .orElse(Set.of());

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return requested.contains(SUBPROTOCOL) ? SUBPROTOCOL : "";
    }

    /**
     * A request without {@code Origin} (not a browser) is accepted. With {@code mcp.websocket.allowed-origins} unset,
     * every origin is accepted; otherwise the origin must be in the list ({@code *} allows all).
     */
    @Override
    public boolean checkOrigin(String origin) {
        boolean ok = origin == null || allowedOrigins.isEmpty() || allowedOrigins.contains("*") || allowedOrigins.contains(origin);
        if (!ok) {
            jakarta.enterprise.inject.spi.CDI.current().select(WebSocketTransport.class).get().listener().rejected("origin");
        }
        return ok;
    }
}

package dev.mcpws.transport.websocket;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses a WebSocket upgrade with HTTP 503 and {@code Retry-After} while the server is at its connection cap or
 * draining, before any WebSocket work is done. (A Jakarta WebSocket {@code Configurator} cannot set a status.)
 */
@WebFilter(urlPatterns = "/mcp", asyncSupported = true)
public class UpgradeFilter extends HttpFilter {

    @Inject
    WebSocketTransport transport;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            String refusal = transport.refusal();
            if (refusal != null) {
                transport.listener().rejected(refusal);
                response.setHeader("Retry-After", Integer.toString(transport.settings().retryAfterSeconds()));
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                        "draining".equals(refusal) ? "The server is shutting down" : "Too many connections");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}

package dev.mcpws.auth;

import dev.mcpws.api.McpCaller;
import dev.mcpws.transport.Connections;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;

/**
 * Requires a valid bearer token on every request to {@code /mcp} (WebSocket upgrade and Streamable HTTP) when
 * authentication is on: otherwise HTTP 401 with the RFC 9728 challenge. The caller becomes the request's principal,
 * which the WebSocket session and the HTTP transport take as the connection's principal.
 */
@WebFilter(urlPatterns = "/mcp", asyncSupported = true)
public class BearerAuthFilter extends HttpFilter {

    @Inject
    BearerAuth auth;

    @Inject
    Connections connections;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!auth.enabled() || "OPTIONS".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<McpCaller> caller = auth.authenticate(request);
        if (caller.isEmpty()) {
            connections.listener().rejected("unauthorized");
            response.setHeader("WWW-Authenticate", auth.challenge(request, BearerAuth.tokenOffered(request)));
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "A valid bearer token is required");
            return;
        }
        McpCaller who = caller.get();
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return who;
            }

            @Override
            public String getRemoteUser() {
                return who.name();
            }
        }, response);
    }
}

package dev.mcpws.transport;

import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.JsonRpcCodec;
import dev.mcpws.protocol.JsonRpcError;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The gate of {@code /mcp} for both transports, before any WebSocket or Streamable HTTP work: a {@code Host} the
 * {@link HostPolicy} does not allow (DNS rebinding of a loopback server), then an {@code Origin} the
 * {@link OriginPolicy} does not allow, gets 403 (upgrade or HTTP method alike); a WebSocket upgrade while the server is
 * at its connection cap or draining gets 503 with {@code Retry-After}. (A Jakarta WebSocket {@code Configurator}
 * cannot set a status.)
 */
@WebFilter(urlPatterns = "/mcp", asyncSupported = true)
public class McpRequestFilter extends HttpFilter {

    private static final RefusalLog REFUSALS = new RefusalLog(
            java.util.logging.Logger.getLogger(McpRequestFilter.class.getName()), System::nanoTime);

    @Inject
    Connections connections;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String refused = refusedBy(request, connections.settings());
        if (refused != null) {
            forbidden(response, refused, request.getHeader("host".equals(refused) ? "Host" : "Origin"));
            return;
        }
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            if (declaresABody(request)) {
                // RFC 6455 4.1: the opening handshake is a GET; a body would sit on the socket as the first "frames"
                refuse(response, 400, "Bad Request: a WebSocket upgrade has no body");
                return;
            }
            if (repeated(request, "Sec-WebSocket-Key") || repeated(request, "Sec-WebSocket-Version")) {
                refuse(response, 400, "Bad Request: a WebSocket upgrade has one Sec-WebSocket-Key and one version");
                return;
            }
            String refusal = connections.refusal();
            if (refusal != null) {
                connections.listener().rejected(refusal);
                unavailable(response, connections, "draining".equals(refusal)
                        ? "The server is shutting down" : "Too many connections");
                return;
            }
            chain.doFilter(new SessionlessRequest(request), response);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * The Host and Origin rule of every endpoint (MCP, console): null when the request may go on, else {@code "host"}
     * or {@code "origin"}, the header that refuses it. A request that repeats either header is refused too: one copy
     * could pass while a proxy or the application read the other (RFC 9112 3.2 allows one Host; RFC 6454 7.3 one
     * Origin).
     */
    public static String refusedBy(HttpServletRequest request, TransportSettings settings) {
        String host = request.getHeader("Host");
        if (repeated(request, "Host") || !settings.hosts().permits(host, request.getLocalAddr())) {
            return "host";
        }
        if (repeated(request, "Origin") || !settings.origins().permits(request.getHeader("Origin"), request.getScheme(), host)) {
            return "origin";
        }
        return null;
    }

    private static boolean repeated(HttpServletRequest request, String header) {
        java.util.Enumeration<String> values = request.getHeaders(header);
        if (values == null || !values.hasMoreElements()) {
            return false;
        }
        values.nextElement();
        return values.hasMoreElements();
    }

    /**
     * An upgrade request that never creates an HTTP session. Liberty's handshake asks every upgrade for its session
     * ({@code HttpServletRequest.getSession()}, for {@code HandshakeRequest.getHttpSession()}), which creates one per
     * WebSocket that then lives for the session timeout (30 minutes): with reconnect churn, thousands of idle sessions
     * and a growing heap (found by the soak). MCP never uses them; a session the client already has is still found.
     * (A socket without an HTTP session is closed by Liberty's own listener when the application stops, and a secure
     * socket with a principal is no longer closed 1008 when its HTTP session expires; {@link DrainListener} makes the
     * drain run before that listener.)
     */
    static final class SessionlessRequest extends jakarta.servlet.http.HttpServletRequestWrapper {
        SessionlessRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public jakarta.servlet.http.HttpSession getSession() {
            return super.getSession(false);
        }

        @Override
        public jakarta.servlet.http.HttpSession getSession(boolean create) {
            return super.getSession(false);
        }
    }

    /** A {@code Transfer-Encoding}, or a {@code Content-Length} other than 0. */
    static boolean declaresABody(HttpServletRequest request) {
        String length = request.getHeader("Content-Length");
        return request.getHeader("Transfer-Encoding") != null || (length != null && !"0".equals(length.trim()));
    }

    /** 403, counted in {@code mcp_server_handshakes_rejected_total{reason}}; the log line is rate-limited. */
    private void forbidden(HttpServletResponse response, String reason, String value) throws IOException {
        connections.listener().rejected(reason);
        REFUSALS.refused("host".equals(reason) ? "Host" : "Origin", value);
        refuse(response, 403, "host".equals(reason) ? "Forbidden: this Host is not allowed"
                : "Forbidden: this Origin is not allowed");
    }

    /** 503 with the configured {@code Retry-After} and a JSON-RPC error body (the same on both transports). */
    public static void unavailable(HttpServletResponse response, Connections connections, String message) throws IOException {
        response.setHeader("Retry-After", Integer.toString(connections.settings().retryAfterSeconds()));
        refuse(response, 503, message);
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = JsonRpcCodec.encode(new JsonRpcError(null, ErrorCodes.INVALID_REQUEST, message))
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

package dev.mcpws.console;

import dev.mcpws.transport.Connections;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The gate of the browser console, the static page under {@code /console/} (HTML, CSS and JavaScript modules in the
 * WAR): 404 unless {@code mcp.console.enabled=true} (off by default and in the Docker image, on for
 * {@code mvn liberty:run}); the same Host (DNS rebinding) and Origin rules as {@code /mcp}; {@code /console} redirects
 * to {@code /console/}, which is {@code index.html}. Every page goes out with a strict Content-Security-Policy (its own
 * scripts and styles only, no framing) and is never cached, so a disabled console disappears at once.
 */
@WebFilter(urlPatterns = {ConsoleFilter.PATH, ConsoleFilter.PATH + "/*"})
public class ConsoleFilter extends HttpFilter {

    public static final String PATH = "/console";

    /**
     * Scripts, styles and images of the console's own origin (plus {@code data:} images from tool results); WebSockets
     * to any MCP server the user types in; never inside a frame, no forms posted anywhere, no {@code <base>}.
     */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Inject
    @ConfigProperty(name = "mcp.console.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    Connections connections;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!enabled) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (dev.mcpws.transport.McpRequestFilter.refusedBy(request, connections.settings()) != null) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (PATH.equals(path)) {
            response.sendRedirect(request.getContextPath() + PATH + "/");
        } else if ((PATH + "/").equals(path)) {
            request.getRequestDispatcher(PATH + "/index.html").forward(request, response);
        } else {
            chain.doFilter(request, response);
        }
    }
}

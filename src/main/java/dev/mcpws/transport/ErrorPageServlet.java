package dev.mcpws.transport;

import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.JsonRpcCodec;
import dev.mcpws.protocol.JsonRpcError;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The application's one error page (WEB-INF/web.xml maps every status and {@code Throwable} here): whatever went wrong
 * in the container (an exception while reading a request, a path nothing serves, a {@code sendError}), the peer gets
 * the status and a JSON-RPC error naming only it, never the container's page with exception class names and stack
 * frames. The details stay in the server log. Asked for directly, it is a plain 404.
 */
public class ErrorPageServlet extends HttpServlet {

    public static final String PATH = "/mcp-error";

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int status = HttpServletResponse.SC_NOT_FOUND;
        if (req.getDispatcherType() == DispatcherType.ERROR) {
            Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            status = code instanceof Integer i && i >= 400 ? i : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
            if (req.getAttribute(RequestDispatcher.ERROR_EXCEPTION) != null && status < 500 && status != 404) {
                status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
            }
        }
        if (resp.isCommitted()) {
            return;
        }
        resp.resetBuffer();
        byte[] body = JsonRpcCodec.encode(new JsonRpcError(null,
                        status >= 500 ? ErrorCodes.INTERNAL_ERROR : ErrorCodes.INVALID_REQUEST, phrase(status)))
                .getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    static String phrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Request refused (HTTP " + status + ")";
        };
    }
}

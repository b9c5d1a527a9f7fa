package dev.mcpws.bench;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The baseline of the Streamable HTTP comparison: a bare servlet that reads a JSON-RPC POST body (blocking read, on the
 * request's thread), parses it with JSON-P and answers the same id with the echo result as {@code application/json},
 * as {@link RawEchoEndpoint} does for WebSocket. Benchmark deployment only (test sources).
 */
@WebServlet(urlPatterns = "/raw-http-echo")
public class RawHttpEchoServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        answer(new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8), resp);
    }

    /** Writes the echo answer to the JSON-RPC message {@code text} ({@code 202} for a notification). */
    static void answer(String text, HttpServletResponse resp) throws IOException {
        String answer = RawEchoEndpoint.answer(text);
        if (answer == null) {
            resp.setStatus(202);
            return;
        }
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        resp.setContentType("application/json");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}

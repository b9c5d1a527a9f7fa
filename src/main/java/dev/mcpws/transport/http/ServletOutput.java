package dev.mcpws.transport.http;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An {@link Exchange.Output} on an async servlet response. Writes block the calling thread (never a container one). */
final class ServletOutput implements Exchange.Output {

    private final AsyncContext async;
    private final HttpServletResponse response;

    ServletOutput(AsyncContext async, HttpServletResponse response) {
        this.async = async;
        this.response = response;
    }

    @Override
    public void begin(int status, String contentType, Map<String, String> headers) throws IOException {
        response.setStatus(status);
        headers.forEach(response::setHeader);
        if (contentType != null) {
            response.setContentType(contentType);
            response.setCharacterEncoding("UTF-8");
        }
        if (Exchange.SSE.equals(contentType)) {
            response.flushBuffer();
        }
    }

    @Override
    public void write(String text) throws IOException {
        var os = response.getOutputStream();
        os.write(text.getBytes(StandardCharsets.UTF_8));
        os.flush();
    }

    @Override
    public void whole(int status, String contentType, Map<String, String> headers, String body) throws IOException {
        begin(status, contentType, headers);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes); // no flush: end() sends headers and body together
    }

    @Override
    public void end() {
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // already completed (or the container gave up on it)
        }
    }
}

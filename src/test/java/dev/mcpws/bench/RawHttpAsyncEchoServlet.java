package dev.mcpws.bench;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@link RawHttpEchoServlet} with the body read as the MCP servlet reads it: in asynchronous mode, without a thread
 * waiting for it (a {@link ReadListener}), answered and completed from the listener. What that costs over the
 * blocking read is what the MCP servlet pays for not letting a slow client hold a container thread. Benchmark
 * deployment only (test sources).
 */
@WebServlet(urlPatterns = "/raw-http-async-echo", asyncSupported = true)
public class RawHttpAsyncEchoServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        AsyncContext async = req.startAsync();
        async.setTimeout(0);
        ServletInputStream in = req.getInputStream();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                while (in.isReady()) {
                    int n = in.read(chunk);
                    if (n < 0) {
                        return;
                    }
                    buf.write(chunk, 0, n);
                }
            }

            @Override
            public void onAllDataRead() throws IOException {
                try {
                    RawHttpEchoServlet.answer(buf.toString(StandardCharsets.UTF_8), resp);
                } finally {
                    async.complete();
                }
            }

            @Override
            public void onError(Throwable t) {
                async.complete();
            }
        });
    }
}

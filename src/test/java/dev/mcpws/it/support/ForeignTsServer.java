package dev.mcpws.it.support;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An MCP server nobody here wrote, for client interop tests: runs {@code src/test/interop/ts/server.mjs} (the official
 * TypeScript SDK's {@code McpServer} behind a {@code ws} WebSocketServer on 127.0.0.1, a free port) in Node.
 * Legacy era only (the SDK 1.x answers {@code initialize}; {@code server/discover} gets -32601 method not found).
 * It serves tools {@code add} {a, b} (readOnlyHint) and {@code echo} {message}, resource {@code memo://greeting}
 * ("hello from ts") and prompt {@code greet} {name}. Needs {@code npm ci} in that directory (the pom runs it in
 * pre-integration-test; system property {@code interop.ts.dir}).
 *
 * <pre>
 * try (ForeignTsServer ts = ForeignTsServer.start()) {
 *     URI uri = ts.wsUri();     // ws://127.0.0.1:&lt;port&gt;/mcp
 * }                             // close(): closes its stdin, then kills it
 * </pre>
 */
public final class ForeignTsServer implements AutoCloseable {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path stderr;

    private ForeignTsServer(Process process, int port, Path stderr) {
        this.process = process;
        this.port = port;
        this.stderr = stderr;
    }

    /** Launches {@code node server.mjs} and waits (at most {@link #START_TIMEOUT}) for its {@code LISTENING <port>} line. */
    public static ForeignTsServer start() {
        File dir = new File(System.getProperty("interop.ts.dir", "src/test/interop/ts"));
        if (!new File(dir, "node_modules/@modelcontextprotocol/sdk").isDirectory()) {
            throw new IllegalStateException("the TS SDK is not installed in " + dir.getAbsolutePath() + " (run npm ci there)");
        }
        Process p = null;
        try {
            Path err = Files.createTempFile("ts-server", ".err");
            p = new ProcessBuilder("node", "server.mjs")
                    .directory(dir)
                    .redirectError(err.toFile())
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<Integer> listening = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; ) {
                        if (line.startsWith("LISTENING ")) {
                            return Integer.parseInt(line.substring("LISTENING ".length()).trim());
                        }
                    }
                    throw new IllegalStateException("node server.mjs ended without LISTENING");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            int port = listening.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Process started = p;
            Thread drain = new Thread(() -> {
                try {
                    started.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException ignored) {
                    // process ended
                }
            }, "ts-server-stdout");
            drain.setDaemon(true);
            drain.start();
            return new ForeignTsServer(p, port, err);
        } catch (TimeoutException | java.util.concurrent.ExecutionException | IOException e) {
            if (p != null) {
                p.destroyForcibly();
            }
            throw new IllegalStateException("node server.mjs did not start: " + e, e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code ws://127.0.0.1:<port>/mcp} (the server accepts any path). */
    public URI wsUri() {
        return URI.create("ws://127.0.0.1:" + port + "/mcp");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the server wrote to stderr so far (for failure messages). */
    public String stderr() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Closes its stdin (it exits by itself), then kills it if it is still running after 5 s. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // killing anyway
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(stderr);
        } catch (IOException ignored) {
            // temp file
        }
    }
}

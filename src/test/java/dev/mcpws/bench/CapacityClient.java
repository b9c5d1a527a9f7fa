package dev.mcpws.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of the capacity run, in its own JVM: opens idle MCP connections (each one {@code initialize} plus
 * {@code notifications/initialized}) and holds them; answers the server's heartbeat pings (the JDK client sends the
 * pongs itself). Driven over stdin/stdout by {@link CapacityRun}: the line {@code open N} tops up to N connections and
 * answers {@code READY open=… dropped=… failed=…}; {@code status} answers the same line; {@code quit} closes all.
 * Bounded: at most 12,000 connections, loopback only, and the JVM exits on its own after 15 minutes.
 *
 * <pre>
 * java -cp … dev.mcpws.bench.CapacityClient ws://localhost:9482/mcp-bench/mcp
 * </pre>
 */
public final class CapacityClient {

    static final int MAX_CONNECTIONS = 12_000;
    static final int WINDOW = 64;

    static final AtomicInteger OPEN = new AtomicInteger();
    static final AtomicInteger DROPPED = new AtomicInteger();
    static final AtomicInteger FAILED = new AtomicInteger();
    static final AtomicLong PINGS = new AtomicLong();

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        if (!"localhost".equals(uri.getHost()) && !"127.0.0.1".equals(uri.getHost())) {
            throw new IllegalArgumentException("loopback only: " + uri);
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(15));
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("CapacityClient: 15 minutes are up; exiting");
            System.exit(3);
        });
        watchdog.setDaemon(true);
        watchdog.start();

        HttpClient http = HttpClient.newHttpClient();
        List<WebSocket> sockets = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            line = line.trim();
            if (line.startsWith("open ")) {
                int target = Math.min(Integer.parseInt(line.substring(5).trim()), MAX_CONNECTIONS);
                open(http, uri, sockets, target);
                status();
            } else if (line.equals("status")) {
                status();
            } else if (line.equals("quit")) {
                break;
            }
        }
        for (WebSocket ws : sockets) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(t -> null);
        }
        Thread.sleep(1000);
        System.exit(0);
    }

    private static void status() {
        System.out.println("READY open=" + OPEN.get() + " dropped=" + DROPPED.get() + " failed=" + FAILED.get()
                + " pings=" + PINGS.get());
        System.out.flush();
    }

    /** Opens connections until {@code target} are open and initialized, at most {@link #WINDOW} handshakes at once. */
    private static void open(HttpClient http, URI uri, List<WebSocket> sockets, int target) throws Exception {
        Semaphore window = new Semaphore(WINDOW);
        int toOpen = target - sockets.size();
        List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        for (int i = 0; i < toOpen && System.nanoTime() < deadline; i++) {
            if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("handshakes stalled");
            }
            Idle listener = new Idle();
            CompletableFuture<WebSocket> f = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .subprotocols("mcp").buildAsync(uri, listener)
                    .thenCompose(ws -> ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"capacity\","
                            + "\"version\":\"1\"}}}", true))
                    .thenCompose(ws -> listener.initialized)
                    .thenCompose(ws -> ws.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", true))
                    .orTimeout(60, TimeUnit.SECONDS)
                    .whenComplete((ws, t) -> {
                        window.release();
                        if (t == null) {
                            OPEN.incrementAndGet();
                            listener.counted = true;
                        } else {
                            FAILED.incrementAndGet();
                        }
                    });
            pending.add(f);
        }
        for (CompletableFuture<WebSocket> f : pending) {
            try {
                sockets.add(f.get(90, TimeUnit.SECONDS));
            } catch (Exception e) {
                // counted as failed
            }
        }
    }

    /** One idle connection: takes the initialize result, then only heartbeat pings. */
    static final class Idle implements WebSocket.Listener {
        final CompletableFuture<WebSocket> initialized = new CompletableFuture<>();
        volatile boolean counted;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (last) {
                initialized.complete(webSocket);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            PINGS.incrementAndGet();
            webSocket.request(1); // the JDK client answers the ping with a pong itself
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            dropped();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            initialized.completeExceptionally(error);
            dropped();
        }

        private void dropped() {
            if (counted) {
                counted = false;
                OPEN.decrementAndGet();
                DROPPED.incrementAndGet();
            }
        }
    }
}

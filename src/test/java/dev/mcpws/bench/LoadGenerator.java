package dev.mcpws.bench;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Closed-loop load on one endpoint: N WebSocket connections, each sending a {@code tools/call} of the echo tool and
 * the next one as soon as the answer arrives, for a fixed time. Bounded in time and connections, loopback only.
 *
 * <pre>
 * java -cp ... dev.mcpws.bench.LoadGenerator ws://localhost:9080/mcp 50 20 [warmupSeconds=5]
 * </pre>
 * Prints one line: connections, requests/s, p50/p95/p99/max latency (ms), errors, dropped sockets.
 */
public final class LoadGenerator {

    static final int MAX_CONNECTIONS = 2_000;
    static final int MAX_SECONDS = 300;

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: LoadGenerator <ws-url> <connections> <seconds> [warmupSeconds]");
            System.exit(2);
        }
        URI uri = URI.create(args[0]);
        if (!"localhost".equals(uri.getHost()) && !"127.0.0.1".equals(uri.getHost())) {
            throw new IllegalArgumentException("loopback only: " + uri);
        }
        int connections = Math.min(Integer.parseInt(args[1]), MAX_CONNECTIONS);
        int seconds = Math.min(Integer.parseInt(args[2]), MAX_SECONDS);
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Result r = run(uri, connections, seconds, warmup);
        System.out.println(r.line());
    }

    /** What one run measured. */
    public record Result(URI uri, int connections, double seconds, long requests, long[] latenciesNanos, long errors,
                         int dropped) {
        public double throughput() {
            return requests / seconds;
        }

        public double percentileMs(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p / 100 * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, i)] / 1e6;
        }

        public String line() {
            return String.format(Locale.ROOT, "%s connections=%d rps=%.0f p50=%.3f p95=%.3f p99=%.3f max=%.3f errors=%d dropped=%d",
                    uri.getPath(), connections, throughput(), percentileMs(50), percentileMs(95), percentileMs(99),
                    percentileMs(100), errors, dropped);
        }
    }

    public static Result run(URI uri, int connections, int seconds, int warmupSeconds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Worker w = new Worker();
            w.ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, w).get(10, TimeUnit.SECONDS);
            workers.add(w);
        }
        for (Worker w : workers) {
            w.initialize();
        }
        for (Worker w : workers) {
            w.next();
        }
        Thread.sleep(warmupSeconds * 1000L);
        for (Worker w : workers) {
            w.reset();
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long end = System.nanoTime();
        for (Worker w : workers) {
            w.stop.set(true);
        }
        long requests = 0;
        long errors = 0;
        int dropped = 0;
        List<long[]> all = new ArrayList<>();
        for (Worker w : workers) {
            synchronized (w) {
                requests += w.count;
                errors += w.errors;
                all.add(Arrays.copyOf(w.latencies, w.count));
            }
            dropped += w.closed.get() ? 1 : 0;
            w.ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(t -> null);
        }
        long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(uri, connections, (end - start) / 1e9, requests, latencies, errors, dropped);
    }

    /** One connection in a closed loop. */
    static final class Worker implements WebSocket.Listener {
        WebSocket ws;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();
        final AtomicInteger ids = new AtomicInteger();
        final StringBuilder text = new StringBuilder();
        CountDownLatch initialized = new CountDownLatch(1);
        long sentAt;
        long[] latencies = new long[1 << 16];
        int count;
        long errors;

        void initialize() throws InterruptedException {
            ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"load\",\"version\":\"1\"}}}", true).join();
            if (!initialized.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no initialize result");
            }
            ws.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", true).join();
        }

        synchronized void reset() {
            count = 0;
            errors = 0;
        }

        void next() {
            if (stop.get()) {
                return;
            }
            int id = ids.incrementAndGet();
            sentAt = System.nanoTime();
            ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"text\":\"hello " + id + "\"}}}", true);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                long now = System.nanoTime();
                JsonObject msg = Json.createReader(new StringReader(text.toString())).readObject();
                text.setLength(0);
                if (initialized.getCount() > 0) {
                    initialized.countDown();
                } else {
                    synchronized (this) {
                        if (msg.containsKey("error")) {
                            errors++;
                        }
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = now - sentAt;
                    }
                    next();
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.set(!stop.get());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.set(!stop.get());
        }
    }
}

package dev.mcpws.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closed-loop load over HTTP/1.1 POST: N clients, each sending its next {@code tools/call} of {@code echo} when the
 * answer to the previous one arrived (keep-alive connections of one JDK {@link HttpClient}). For {@code /mcp} a
 * stateless 2026-07-28 request with the headers the Streamable HTTP binding requires; for a bare servlet the same
 * JSON-RPC body. Bounded in clients and time, loopback only.
 */
final class HttpLoadGenerator {

    private HttpLoadGenerator() {
    }

    static LoadGenerator.Result run(URI uri, int clients, int seconds, int warmupSeconds, Callable<Long> serverCpuMillis)
            throws Exception {
        if (!"localhost".equals(uri.getHost())) {
            throw new IllegalArgumentException("loopback only: " + uri);
        }
        clients = Math.max(1, Math.min(clients, 500));
        seconds = Math.max(1, Math.min(seconds, 300));
        boolean mcp = uri.getPath().endsWith("/mcp");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        AtomicBoolean stop = new AtomicBoolean();
        List<Client> all = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client c = new Client(http, uri, mcp, stop, i * 1_000_000);
            all.add(c);
            c.next();
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
        for (Client c : all) {
            c.reset();
        }
        long cpuStart = serverCpuMillis.call();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long end = System.nanoTime();
        long cpu = serverCpuMillis.call() - cpuStart;
        stop.set(true);
        long requests = 0;
        long errors = 0;
        List<long[]> lat = new ArrayList<>();
        for (Client c : all) {
            synchronized (c) {
                requests += c.count;
                errors += c.errors;
                lat.add(Arrays.copyOf(c.latencies, c.count));
            }
        }
        long[] latencies = lat.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new LoadGenerator.Result(uri, clients, 0, (end - start) / 1e9, requests, latencies, errors, 0, 0, cpu);
    }

    private static final class Client {
        final HttpClient http;
        final URI uri;
        final boolean mcp;
        final AtomicBoolean stop;
        int id;
        long[] latencies = new long[1 << 14];
        int count;
        long errors;

        Client(HttpClient http, URI uri, boolean mcp, AtomicBoolean stop, int firstId) {
            this.http = http;
            this.uri = uri;
            this.mcp = mcp;
            this.stop = stop;
            this.id = firstId;
        }

        synchronized void reset() {
            count = 0;
            errors = 0;
        }

        void next() {
            if (stop.get()) {
                return;
            }
            int n = ++id;
            String body = "{\"jsonrpc\":\"2.0\",\"id\":" + n + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"text\":\"hello " + n + "\"},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":"
                    + "\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (mcp) {
                b.header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call").header("Mcp-Name", "echo");
            }
            long sent = System.nanoTime();
            http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((r, t) -> {
                long now = System.nanoTime();
                synchronized (this) {
                    if (t != null || r.statusCode() != 200 || r.body().contains("\"error\"")) {
                        errors++;
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = now - sent;
                }
                next();
            });
        }
    }
}

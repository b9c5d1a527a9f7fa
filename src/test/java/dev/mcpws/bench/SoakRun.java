package dev.mcpws.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak: one server ({@code soakServer}, port 9484, the production WAR with its examples) under {@code N} WebSocket
 * connections (default 1,000) for {@code M} minutes (default 30), each second about 200 actions spread over random
 * connections: echo calls (60 %), lists and reads (15 %), a {@code slow_task} cancelled half-way (10 %), malformed
 * input (10 %: bad JSON, bad params, a wrong version), and reconnect churn (5 %: half closed cleanly, half aborted
 * without a close frame, then reopened). Every 30 s it records the server's heap after two forced full GCs, its RSS and
 * threads, the connections it counts, and the client's answers, errors and unanswered requests. Writes
 * {@code soak.md} and {@code soak-heap.png}. Bounded: at most 5,000 connections and 60 minutes, loopback only.
 *
 * <pre>
 * mvn verify -DskipITs      # once
 * mvn -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     "-Dexec.args=-cp %classpath dev.mcpws.bench.SoakRun docs/bench 30 1000"
 * </pre>
 */
public final class SoakRun {

    static final int ACTIONS_PER_SECOND = 200;
    static final long SAMPLE_SECONDS = 30;
    static final List<String> MALFORMED = List.of("{", "[]", "{\"jsonrpc\":\"1.0\",\"id\":\"m\",\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"m\",\"method\":\"tools/call\",\"params\":{\"name\":1}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"m\",\"method\":\"resources/read\",\"params\":{\"uri\":[]}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"m\",\"method\":\"nope\"}", "\u0000\u0001", "{\"a\":" + "[".repeat(500));

    record Sample(double minutes, long heapKb, long rssKb, long threads, double serverConnections, long answers,
                  long errors, long pending, long reconnects, long failedConnects) {
    }

    static final AtomicLong ANSWERS = new AtomicLong();
    static final AtomicLong ERRORS = new AtomicLong();
    static final AtomicLong RECONNECTS = new AtomicLong();
    static final AtomicLong FAILED_CONNECTS = new AtomicLong();
    static final AtomicLong IDS = new AtomicLong();

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/bench");
        int minutes = Math.min(60, args.length > 1 ? Integer.parseInt(args[1]) : 30);
        int connections = Math.min(5_000, args.length > 2 ? Integer.parseInt(args[2]) : 1_000);
        Files.createDirectories(out);
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mcp.limits.max-connections", "10000");
        BenchServer server = BenchServer.prepare("soakServer", 9484, config, List.of());
        server.start();
        List<Sample> samples = new ArrayList<>();
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
        try {
            URI uri = server.ws("/mcp");
            HttpClient http = HttpClient.newHttpClient();
            Conn[] conns = new Conn[connections];
            for (int i = 0; i < connections; i++) {
                conns[i] = new Conn(http, uri);
                conns[i].open().get(60, TimeUnit.SECONDS);
            }
            long start = System.nanoTime();
            Random random = new Random(42);
            loop.scheduleAtFixedRate(() -> tick(conns, random), 0, 100, TimeUnit.MILLISECONDS);
            long end = start + TimeUnit.MINUTES.toNanos(minutes);
            samples.add(sample(server, conns, 0));
            while (System.nanoTime() < end) {
                Thread.sleep(TimeUnit.SECONDS.toMillis(SAMPLE_SECONDS)); // the sampling period of a benchmark, not a wait
                Sample s = sample(server, conns, (System.nanoTime() - start) / 60e9);
                samples.add(s);
                System.out.printf(Locale.ROOT, "%.1f min: heap %d KiB, rss %d KiB, threads %d, server connections %.0f,"
                                + " answers %d, errors %d, pending %d, reconnects %d%n", s.minutes(), s.heapKb(),
                        s.rssKb(), s.threads(), s.serverConnections(), s.answers(), s.errors(), s.pending(), s.reconnects());
            }
            loop.shutdownNow();
            for (Conn c : conns) {
                c.close();
            }
        } finally {
            loop.shutdownNow();
            server.stop();
        }
        write(out, samples, minutes, connections, load);
    }

    private static void tick(Conn[] conns, Random random) {
        for (int i = 0; i < ACTIONS_PER_SECOND / 10; i++) {
            Conn c = conns[random.nextInt(conns.length)];
            int roll = random.nextInt(100);
            try {
                if (roll < 60) {
                    c.request("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"soak " + roll + "\"}}");
                } else if (roll < 75) {
                    c.request(List.of("tools/list", "resources/list", "prompts/list").get(roll % 3), "{}");
                } else if (roll < 85) {
                    long id = c.request("tools/call", "{\"name\":\"slow_task\",\"arguments\":{\"steps\":20,\"stepMillis\":50},"
                            + "\"_meta\":{\"progressToken\":\"p\"}}");
                    c.cancelLater(id);
                } else if (roll < 95) {
                    c.send(MALFORMED.get(random.nextInt(MALFORMED.size())));
                } else {
                    c.churn(random.nextBoolean());
                }
            } catch (RuntimeException e) {
                ERRORS.incrementAndGet();
            }
        }
    }

    private static Sample sample(BenchServer server, Conn[] conns, double minutes) throws Exception {
        long pending = 0;
        for (Conn c : conns) {
            pending += c.pendingOlderThan(TimeUnit.SECONDS.toNanos(30));
        }
        double serverConnections = 0;
        String metrics;
        try {
            metrics = server.get("/metrics");
        } catch (java.net.http.HttpTimeoutException e) {
            // the server did not answer within 30 s: keep the evidence (what its threads were doing) and go on; the
            // sample says -1 connections
            Path dump = Path.of("target", "bench", String.format(Locale.ROOT, "soak-stall-%.1f.txt", minutes));
            Files.createDirectories(dump.getParent());
            Files.writeString(dump, server.jcmd("Thread.print"));
            System.out.println("/metrics did not answer within 30 s; threads: " + dump);
            metrics = "";
            serverConnections = -1;
        }
        for (String line : metrics.split("\n")) {
            if (line.startsWith("mcp_server_connections_active{") && line.contains("transport=\"websocket\"")) {
                serverConnections += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        long threads = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + server.pid() + "/status"))) {
            if (line.startsWith("Threads:")) {
                threads = Long.parseLong(line.substring(8).trim());
            }
        }
        return new Sample(minutes, server.heapUsedAfterGcKb(), server.rssKb(), threads, serverConnections,
                ANSWERS.get(), ERRORS.get(), pending, RECONNECTS.get(), FAILED_CONNECTS.get());
    }

    private static void write(Path out, List<Sample> samples, int minutes, int connections, String load) throws Exception {
        StringBuilder md = new StringBuilder("# Soak: " + connections + " connections, " + minutes + " minutes\n\n");
        md.append("Load average before the run: ").append(load).append("  \n");
        md.append("Mix per second: ~").append(ACTIONS_PER_SECOND).append(" actions (60 % echo, 15 % lists, 10 % slow_task")
                .append(" cancelled half-way, 10 % malformed input, 5 % reconnect: half clean, half aborted).\n\n");
        md.append("| minute | heap after GC (MiB) | RSS (MiB) | threads | server connections | answers | errors |")
                .append(" unanswered > 30 s | reconnects | failed connects |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Sample s : samples) {
            md.append(String.format(Locale.ROOT, "| %.1f | %.1f | %.1f | %d | %.0f | %d | %d | %d | %d | %d |%n",
                    s.minutes(), s.heapKb() / 1024.0, s.rssKb() / 1024.0, s.threads(), s.serverConnections(),
                    s.answers(), s.errors(), s.pending(), s.reconnects(), s.failedConnects()));
        }
        // the heap's trend over the second half (after warm-up): slope of a least-squares line, MiB per 10 minutes
        List<Sample> late = samples.subList(samples.size() / 2, samples.size());
        double n = late.size();
        double mx = late.stream().mapToDouble(Sample::minutes).sum() / n;
        double my = late.stream().mapToDouble(s -> s.heapKb() / 1024.0).sum() / n;
        double sxy = 0;
        double sxx = 0;
        for (Sample s : late) {
            sxy += (s.minutes() - mx) * (s.heapKb() / 1024.0 - my);
            sxx += (s.minutes() - mx) * (s.minutes() - mx);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx * 10;
        md.append(String.format(Locale.ROOT, "%nHeap trend over the second half: %+.2f MiB per 10 minutes (mean %.1f MiB).%n",
                slope, my));
        md.append("\n![heap during the soak](soak-heap.png)\n");
        Files.writeString(out.resolve("soak.md"), md.toString(), StandardCharsets.UTF_8);
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put("heap after full GC (MiB)", samples.stream().map(s -> new double[] {s.minutes(), s.heapKb() / 1024.0}).toList());
        series.put("RSS / 10 (MiB)", samples.stream().map(s -> new double[] {s.minutes(), s.rssKb() / 10240.0}).toList());
        Chart.line("Soak: " + connections + " connections, " + minutes + " min", "minutes", "MiB", false, series,
                out.resolve("soak-heap.png"));
    }

    /** One client connection (legacy handshake); reopened after churn. */
    static final class Conn implements WebSocket.Listener {
        private final HttpClient http;
        private final URI uri;
        private final Map<Long, Long> pending = new ConcurrentHashMap<>();
        private volatile WebSocket ws;
        private volatile CompletableFuture<Void> ready = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

        Conn(HttpClient http, URI uri) {
            this.http = http;
            this.uri = uri;
        }

        CompletableFuture<Void> open() {
            ready = new CompletableFuture<>();
            http.newWebSocketBuilder().subprotocols("mcp").connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, this)
                    .thenAccept(w -> {
                        ws = w;
                        sending = CompletableFuture.completedFuture(w);
                        send("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"soak\",\"version\":\"1\"}}}");
                    }).exceptionally(t -> {
                        FAILED_CONNECTS.incrementAndGet();
                        ready.completeExceptionally(t);
                        return null;
                    });
            return ready;
        }

        synchronized void send(String text) {
            WebSocket w = ws;
            if (w == null || !ready.isDone() && !text.contains("\"initialize\"")) {
                return;
            }
            sending = sending.thenCompose(x -> w.sendText(text, true)).exceptionally(t -> null);
        }

        long request(String method, String params) {
            long id = IDS.incrementAndGet();
            if (ready.isDone() && !ready.isCompletedExceptionally()) {
                pending.put(id, System.nanoTime());
                send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
            }
            return id;
        }

        void cancelLater(long id) {
            CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS).execute(() -> {
                if (pending.remove(id) != null) {
                    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":" + id + "}}");
                }
            });
        }

        /** Closes (cleanly, or by aborting the TCP connection) and reopens. */
        void churn(boolean abort) {
            WebSocket w = ws;
            if (w == null || !ready.isDone()) {
                return;
            }
            ws = null;
            pending.clear();
            if (abort) {
                w.abort();
            } else {
                w.sendClose(WebSocket.NORMAL_CLOSURE, "churn").exceptionally(t -> null);
            }
            RECONNECTS.incrementAndGet();
            open();
        }

        long pendingOlderThan(long nanos) {
            long now = System.nanoTime();
            return pending.values().stream().filter(t -> now - t > nanos).count();
        }

        void close() {
            WebSocket w = ws;
            if (w != null) {
                w.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(t -> null);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (text.startsWith("{\"jsonrpc\":\"2.0\",\"id\":0,")) {
                    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
                    ready.complete(null);
                } else if (!text.contains("\"method\"")) {
                    ANSWERS.incrementAndGet();
                    int at = text.indexOf("\"id\":");
                    if (at >= 0) {
                        int end = at + 5;
                        while (end < text.length() && Character.isDigit(text.charAt(end))) {
                            end++;
                        }
                        if (end > at + 5) {
                            pending.remove(Long.parseLong(text.substring(at + 5, end)));
                        }
                    }
                    if (text.contains("\"error\"") && !text.contains("\"id\":null") && !text.contains("\"id\":\"m\"")) {
                        ERRORS.incrementAndGet(); // an error to a well-formed request
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}

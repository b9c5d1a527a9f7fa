package dev.mcpws.bench;

import dev.mcpws.it.support.StandaloneServer;
import dev.mcpws.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Cross-node notification latency and the Redis cost per notification (issue 14). Starts a real {@code redis-server}
 * on a free loopback port and two Liberty nodes in cluster mode ({@link StandaloneServer}s {@code clusterBenchA} and
 * {@code clusterBenchB}, the test WAR with its {@code touch} tool), opens the given number of legacy subscribers of
 * one resource URI, half on each node, then sends the notifications one at a time: a publisher socket on node A calls
 * {@code touch}, and every subscriber records when its {@code notifications/resources/updated} arrives. The next one
 * goes when all subscribers have theirs (or after 10 s). Latency = arrival minus the moment the {@code tools/call} was
 * sent, so it includes that call's dispatch on A: node A's subscribers are the same-node baseline, node B's the
 * cross-node figure. The Redis cost is read from {@code INFO} before and after (commands, bytes in and out, CPU).
 * Writes {@code <out>/cluster.md}. Bounded: at most 5,000 subscribers and 2,000 notifications; loopback only.
 *
 * <pre>
 * mvn verify -DskipITs   # once: the WAR and the Liberty runtime
 * mvn -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     "-Dexec.args=-cp %classpath dev.mcpws.bench.ClusterBenchRun docs/bench 1000 200"
 * </pre>
 */
public final class ClusterBenchRun {

    private static final String URI_R = "bench://cluster/r";

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/bench");
        int subscribers = Math.min(5_000, args.length > 1 ? Integer.parseInt(args[1]) : 1_000);
        int notifications = Math.min(2_000, args.length > 2 ? Integer.parseInt(args[2]) : 200);
        Files.createDirectories(out);
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        try (RedisServer redis = RedisServer.launch()) {
            String config = "mcp.cluster.redis-uri=" + redis.uri() + "\nmcp.limits.max-connections=10000";
            try (StandaloneServer a = new StandaloneServer("clusterBenchA", StandaloneServer.rootTestWar(config));
                 StandaloneServer b = new StandaloneServer("clusterBenchB", StandaloneServer.rootTestWar(config))) {
                a.start();
                b.start();
                run(out, redis, a, b, subscribers, notifications, load);
            }
        }
        System.exit(0);
    }

    private static void run(Path out, RedisServer redis, StandaloneServer a, StandaloneServer b, int subscribers,
                            int notifications, String load) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Sub> ready = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < subscribers; i += 64) { // 64 handshakes at a time
            List<Sub> batch = new ArrayList<>();
            List<CompletableFuture<?>> done = new ArrayList<>();
            for (int j = i; j < Math.min(subscribers, i + 64); j++) {
                Sub s = new Sub(j % 2 == 0 ? 'A' : 'B', notifications);
                batch.add(s);
                done.add(s.open(http, (s.node == 'A' ? a : b).wsUri()).thenCompose(x -> s.subscribe()));
            }
            for (int j = 0; j < batch.size(); j++) {
                try {
                    done.get(j).get(60, TimeUnit.SECONDS);
                    ready.add(batch.get(j));
                } catch (Exception e) {
                    failed++;
                    System.err.println("subscriber " + (i + j) + " not ready: " + e);
                }
            }
        }
        if (failed > subscribers / 10) {
            throw new IllegalStateException(failed + " of " + subscribers + " subscribers failed to connect");
        }
        Sub[] subs = ready.toArray(Sub[]::new);
        subscribers = subs.length;
        Sub publisher = new Sub('A', 0);
        publisher.open(http, a.wsUri()).get(30, TimeUnit.SECONDS);
        // warm-up: 20 notifications not counted
        long[] sent = new long[notifications];
        for (int k = 0; k < 20; k++) {
            publisher.call("tools/call", "{\"name\":\"touch\",\"arguments\":{\"uri\":\"bench://cluster/warm\"}}")
                    .get(10, TimeUnit.SECONDS);
        }
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            Map<String, Double> before = info(c);
            int late = 0;
            for (int k = 0; k < notifications; k++) {
                CountDownLatch all = new CountDownLatch(subscribers);
                for (Sub s : subs) {
                    s.expect(all);
                }
                sent[k] = System.nanoTime();
                publisher.call("tools/call", "{\"name\":\"touch\",\"arguments\":{\"uri\":\"" + URI_R + "\"}}");
                if (!all.await(10, TimeUnit.SECONDS)) {
                    late++;
                }
            }
            Map<String, Double> after = info(c);
            write(out, subs, sent, before, after, subscribers, notifications, late, load);
        } finally {
            client.shutdown();
        }
        for (Sub s : subs) {
            s.ws.abort();
        }
        publisher.ws.abort();
    }

    /** The Redis counters of INFO that cost is measured with. */
    private static Map<String, Double> info(StatefulRedisConnection<String, String> c) {
        Map<String, Double> m = new ConcurrentHashMap<>();
        for (String line : (c.sync().info("stats") + c.sync().info("cpu")).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String key = line.substring(0, colon);
                if (List.of("total_commands_processed", "total_net_input_bytes", "total_net_output_bytes",
                        "used_cpu_sys", "used_cpu_user").contains(key)) {
                    m.put(key, Double.parseDouble(line.substring(colon + 1).trim()));
                }
            }
        }
        return m;
    }

    private static void write(Path out, Sub[] subs, long[] sent, Map<String, Double> before, Map<String, Double> after,
                              int subscribers, int notifications, int late, String load) throws Exception {
        List<Long> local = new ArrayList<>();
        List<Long> cross = new ArrayList<>();
        int missing = 0;
        for (Sub s : subs) {
            for (int k = 0; k < notifications; k++) {
                long t = s.arrivals[k];
                if (t == 0) {
                    missing++;
                } else {
                    (s.node == 'A' ? local : cross).add(t - sent[k]);
                }
            }
        }
        double n = notifications;
        double cmds = (after.get("total_commands_processed") - before.get("total_commands_processed")) / n;
        double in = (after.get("total_net_input_bytes") - before.get("total_net_input_bytes")) / n;
        double outB = (after.get("total_net_output_bytes") - before.get("total_net_output_bytes")) / n;
        double cpuUs = (after.get("used_cpu_sys") + after.get("used_cpu_user") - before.get("used_cpu_sys")
                - before.get("used_cpu_user")) * 1e6 / n;
        StringBuilder md = new StringBuilder();
        md.append("# Cluster: cross-node notification latency\n\n");
        md.append(String.format(Locale.ROOT, "%d legacy subscribers of one URI (%d on node A, %d on node B), %d "
                        + "notifications sent one at a time from a client of node A (`touch` tool), 2 Liberty nodes + "
                        + "redis-server on one machine (load average at start: %s).%n%n", subscribers,
                Arrays.stream(subs).filter(x -> x.node == 'A').count(),
                Arrays.stream(subs).filter(x -> x.node == 'B').count(), notifications, load));
        md.append("| subscribers | deliveries | p50 | p90 | p99 | max |\n|---|---|---|---|---|---|\n");
        md.append(row("node A (same node as the change)", local));
        md.append(row("node B (across Redis)", cross));
        md.append(String.format(Locale.ROOT, "%nMissing deliveries: %d; rounds that timed out (10 s): %d.%n%n", missing, late));
        md.append("Redis cost per notification (INFO deltas over the measured notifications, the benchmark's own "
                + "INFO calls included):\n\n| commands | bytes in | bytes out | CPU (user+sys) |\n|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| %.2f | %.0f | %.0f | %.0f µs |%n", cmds, in, outB, cpuUs));
        Files.writeString(out.resolve("cluster.md"), md.toString());
        System.out.print(md);
    }

    private static String row(String what, List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "| " + what + " | 0 | | | | |\n";
        }
        long[] v = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(Locale.ROOT, "| %s | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms |%n", what, v.length,
                pct(v, 50), pct(v, 90), pct(v, 99), v[v.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** One socket: initialized legacy session; records the arrival of each {@code resources/updated}. */
    static final class Sub implements WebSocket.Listener {
        final char node;
        final long[] arrivals;
        private int received;
        private volatile CountDownLatch round;
        private final Map<Long, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
        private final StringBuilder text = new StringBuilder();
        private long ids;
        private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);
        WebSocket ws;

        Sub(char node, int notifications) {
            this.node = node;
            this.arrivals = new long[notifications];
        }

        CompletableFuture<JsonObject> open(HttpClient http, URI uri) {
            return http.newWebSocketBuilder().subprotocols("mcp").connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(uri, this).thenCompose(w -> {
                        ws = w;
                        return call("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                                + "\"clientInfo\":{\"name\":\"cluster-bench\",\"version\":\"1\"}}");
                    }).thenApply(r -> {
                        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
                        return r;
                    });
        }

        CompletableFuture<JsonObject> subscribe() {
            return call("resources/subscribe", "{\"uri\":\"" + URI_R + "\"}");
        }

        synchronized CompletableFuture<JsonObject> call(String method, String params) {
            long id = ++ids;
            CompletableFuture<JsonObject> f = new CompletableFuture<>();
            pending.put(id, f);
            send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}")
                    .exceptionally(t -> {
                        f.completeExceptionally(t);
                        return null;
                    });
            return f;
        }

        /** Sends after the previous send completed (the JDK client allows one outstanding send). */
        synchronized CompletableFuture<?> send(String text) {
            CompletableFuture<?> next = sends.exceptionally(t -> null).thenCompose(x -> ws.sendText(text, true));
            sends = next;
            return next;
        }

        void expect(CountDownLatch latch) {
            round = latch;
        }

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            long now = System.nanoTime();
            text.append(data);
            if (last) {
                String s = text.toString();
                text.setLength(0);
                if (s.contains("notifications/resources/updated")) {
                    if (s.contains(URI_R) && received < arrivals.length) {
                        arrivals[received++] = now;
                        CountDownLatch r = round;
                        if (r != null) {
                            r.countDown();
                        }
                    }
                } else {
                    JsonObject m = Json.createReader(new StringReader(s)).readObject();
                    if (m.containsKey("id") && !m.containsKey("method")) {
                        CompletableFuture<JsonObject> f = pending.remove(m.getJsonNumber("id").longValue());
                        if (f != null) {
                            f.complete(m);
                        }
                    }
                }
            }
            w.request(1);
            return null;
        }
    }

    private ClusterBenchRun() {
    }

}

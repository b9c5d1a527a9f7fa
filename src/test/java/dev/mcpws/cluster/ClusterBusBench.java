package dev.mcpws.cluster;

import dev.mcpws.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Redis hop of cluster mode alone, without Liberty: two {@link ClusterBus}es (two nodes' worth) on a real
 * {@code redis-server} in this JVM; one publishes {@code resources/updated} events one at a time, the other's delivery
 * thread hands each over; latency = hand-over minus publish call. Also the Redis cost per notification from
 * {@code INFO} (commands, bytes, CPU), which does not depend on how many clients a node has: Redis sends one message
 * per subscribed node. Writes {@code <out>/cluster-bus.md}. Bounded: at most 100,000 events.
 *
 * <pre>
 * mvn -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     "-Dexec.args=-cp %classpath dev.mcpws.cluster.ClusterBusBench docs/bench 20000"
 * </pre>
 */
public final class ClusterBusBench {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/bench");
        int n = Math.min(100_000, args.length > 1 ? Integer.parseInt(args[1]) : 20_000);
        Files.createDirectories(out);
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        try (RedisServer redis = RedisServer.launch()) {
            SynchronousQueue<ClusterEvent> handedOver = new SynchronousQueue<>();
            ClusterBus a = Cluster.open(redis.uri(), "bench", "mcp/1", key, 1000, ClusterListener.NONE);
            ClusterBus b = Cluster.open(redis.uri(), "bench", "mcp/1", key, 1000, ClusterListener.NONE);
            a.start(e -> { });
            b.start(e -> {
                try {
                    handedOver.put(e);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(a.status().connected() && b.status().connected())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not linked within 30 s");
                }
                Thread.sleep(20);
            }
            ClusterEvent event = ClusterEvent.resourceUpdated("file:///projects/demo/src/main/resources/data.json");
            for (int i = 0; i < 2_000; i++) { // warm-up
                a.publish(event);
                handedOver.poll(10, TimeUnit.SECONDS);
            }
            RedisClient client = RedisClient.create(redis.uri());
            long[] nanos = new long[n];
            Map<String, Double> before;
            Map<String, Double> after;
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                before = info(c);
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    a.publish(event);
                    if (handedOver.poll(10, TimeUnit.SECONDS) == null) {
                        throw new IllegalStateException("event " + i + " not delivered within 10 s");
                    }
                    nanos[i] = System.nanoTime() - t0;
                }
                after = info(c);
            } finally {
                client.shutdown();
                a.close();
                b.close();
            }
            Arrays.sort(nanos);
            String envelope = new Envelope("0123456789abcdef", "mcp/1", "0123456789abcdef", event).encode();
            String md = String.format(Locale.ROOT, """
                    # Cluster: the Redis hop alone

                    Two cluster buses (two nodes' worth, no Liberty) on a real redis-server in one JVM, %d `resources/updated` \
                    events published one at a time (after 2,000 of warm-up); latency from `publish` to the other bus's \
                    delivery thread (load average at start: %s).

                    | events | p50 | p90 | p99 | p99.9 | max |
                    |---|---|---|---|---|---|
                    | %d | %.3f ms | %.3f ms | %.3f ms | %.3f ms | %.3f ms |

                    Redis per notification (INFO deltas; 2 subscribed connections, the envelope is %d bytes of JSON):

                    | commands | bytes in | bytes out | CPU (user+sys) |
                    |---|---|---|---|
                    | %.2f | %.0f | %.0f | %.1f µs |
                    """, n, load, n, nanos[n / 2] / 1e6, nanos[(int) (n * 0.9)] / 1e6, nanos[(int) (n * 0.99)] / 1e6,
                    nanos[Math.min(n - 1, (int) (n * 0.999))] / 1e6, nanos[n - 1] / 1e6, envelope.length(),
                    delta(before, after, "total_commands_processed") / n, delta(before, after, "total_net_input_bytes") / n,
                    delta(before, after, "total_net_output_bytes") / n,
                    (delta(before, after, "used_cpu_user") + delta(before, after, "used_cpu_sys")) * 1e6 / n);
            Files.writeString(out.resolve("cluster-bus.md"), md);
            System.out.print(md);
        }
        System.exit(0);
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
        return after.get(key) - before.get(key);
    }

    private static Map<String, Double> info(StatefulRedisConnection<String, String> c) {
        Map<String, Double> m = new HashMap<>();
        for (String line : (c.sync().info("stats") + "\n" + c.sync().info("cpu")).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                try {
                    m.put(line.substring(0, colon), Double.parseDouble(line.substring(colon + 1).trim()));
                } catch (NumberFormatException e) {
                    // not a number: not one of ours
                }
            }
        }
        return m;
    }

    private ClusterBusBench() {
    }
}

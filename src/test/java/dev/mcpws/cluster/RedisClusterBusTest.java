package dev.mcpws.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.testing.RedisServer;
import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two buses (two nodes) on a real redis-server: delivery, own messages, bad messages, Redis going away and back. */
class RedisClusterBusTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Duration WAIT = Duration.ofSeconds(30);

    static RedisServer redis;

    /** One node: its bus, what it got delivered and what it counted. */
    static final class Node implements ClusterListener {
        final BlockingQueue<ClusterEvent> delivered = new LinkedBlockingQueue<>();
        final AtomicLong published = new AtomicLong();
        final AtomicLong received = new AtomicLong();
        final AtomicLong reconnects = new AtomicLong();
        final Map<Drop, AtomicLong> dropped = new ConcurrentHashMap<>();
        final ClusterBus bus;

        Node(String channel, String server) {
            bus = Cluster.open(redis.uri(), channel, server, KEY, 100, this);
            bus.start(delivered::add);
        }

        @Override
        public void published() {
            published.incrementAndGet();
        }

        @Override
        public void received() {
            received.incrementAndGet();
        }

        @Override
        public void dropped(Drop why) {
            dropped.computeIfAbsent(why, k -> new AtomicLong()).incrementAndGet();
        }

        @Override
        public void reconnected() {
            reconnects.incrementAndGet();
        }

        long drops(Drop why) {
            AtomicLong n = dropped.get(why);
            return n == null ? 0 : n.get();
        }

        ClusterEvent next() throws InterruptedException {
            ClusterEvent e = delivered.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(e != null, "nothing delivered within " + WAIT);
            return e;
        }
    }

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.launch();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void aNodesEventReachesTheOtherNodeOnlyOnce() throws Exception {
        Node a = new Node("t1", "mcp/1");
        Node b = new Node("t1", "mcp/1");
        try {
            awaitTrue(() -> a.bus.status().connected() && b.bus.status().connected(), "both linked");
            a.bus.publish(ClusterEvent.resourceUpdated("file:///x"));
            assertEquals(ClusterEvent.resourceUpdated("file:///x"), b.next());
            awaitTrue(() -> a.published.get() == 1, "a counted its publish");
            // a's own message reached a's subscription before b's marker (one channel, one order): had it been
            // delivered, a would see it first
            b.bus.publish(ClusterEvent.TOOLS_CHANGED);
            assertEquals(ClusterEvent.TOOLS_CHANGED, a.next());
            assertEquals(List.of(), new ArrayList<>(a.delivered), "a node never gets its own message back");
            // the count may be taken just after the delivery, on the bus's thread: wait for it, then it must stay 1
            awaitTrue(() -> a.received.get() >= 1 && b.received.get() >= 1, "both counted what they received");
            assertEquals(1, a.received.get());
            assertEquals(1, b.received.get());
            assertEquals(List.of(), new ArrayList<>(b.delivered));
        } finally {
            a.bus.close();
            b.bus.close();
        }
    }

    @Test
    void whatIsNotAnEnvelopeIsCountedAndSkipped() throws Exception {
        Node b = new Node("t2", "mcp/1");
        RedisClient raw = RedisClient.create(redis.uri());
        try (var c = raw.connect()) {
            awaitTrue(() -> b.bus.status().connected(), "linked");
            c.sync().publish("t2", "{\"hello\":1}");
            c.sync().publish("t2", new Envelope("other", "mcp/1", Cluster.fingerprint(KEY),
                    ClusterEvent.RESOURCES_CHANGED).encode());
            assertEquals(ClusterEvent.RESOURCES_CHANGED, b.next());
            assertEquals(1, b.drops(ClusterListener.Drop.MALFORMED));
            assertEquals(1, b.received.get());
        } finally {
            raw.shutdown();
            b.bus.close();
        }
    }

    @Test
    void aPeerOfAnotherServerOrSecretIsWarnedAboutOnce() throws Exception {
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger("dev.mcpws.cluster.redis.RedisClusterBus");
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getMessage().startsWith("MCPWS1405W")) {
                    warnings.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(h);
        Node a = new Node("t3", "mcp/1");
        Node b = new Node("t3", "mcp/2");
        try {
            awaitTrue(() -> a.bus.status().connected() && b.bus.status().connected(), "both linked");
            b.bus.publish(ClusterEvent.TOOLS_CHANGED);
            b.bus.publish(ClusterEvent.TOOLS_CHANGED);
            assertEquals(ClusterEvent.TOOLS_CHANGED, a.next()); // still delivered: a list change is only a hint
            assertEquals(ClusterEvent.TOOLS_CHANGED, a.next());
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("mcp/2") && warnings.get(0).contains("mcp/1"), warnings.get(0));
        } finally {
            log.removeHandler(h);
            a.bus.close();
            b.bus.close();
        }
    }

    @Test
    void redisGoneThenBack() throws Exception {
        Node a = new Node("t4", "mcp/1");
        Node b = new Node("t4", "mcp/1");
        try {
            awaitTrue(() -> a.bus.status().connected() && b.bus.status().connected(), "both linked");
            a.bus.publish(ClusterEvent.resourceUpdated("u:before"));
            assertEquals("u:before", b.next().uri());

            redis.stop();
            awaitTrue(() -> !a.bus.status().connected() && !b.bus.status().connected(), "both see the link down");
            a.bus.publish(ClusterEvent.resourceUpdated("u:lost"));
            awaitTrue(() -> a.drops(ClusterListener.Drop.REDIS_DOWN) == 1, "the publish while down is dropped");

            redis.start();
            awaitTrue(() -> a.bus.status().connected() && b.bus.status().connected(), "both linked again");
            assertEquals(1, a.bus.status().reconnects());
            assertEquals(1, b.reconnects.get());
            a.bus.publish(ClusterEvent.resourceUpdated("u:after")); // lettuce subscribed b again by itself
            assertEquals("u:after", b.next().uri());
            assertEquals(List.of(), new ArrayList<>(b.delivered), "what was lost stays lost");
        } finally {
            redis.start();
            a.bus.close();
            b.bus.close();
        }
    }

    @Test
    void aNodeStartedWhileRedisIsDownLinksWhenItComesUp() throws Exception {
        redis.stop();
        Node a;
        try {
            a = new Node("t5", "mcp/1");
            a.bus.publish(ClusterEvent.TOOLS_CHANGED);
            awaitTrue(() -> a.drops(ClusterListener.Drop.REDIS_DOWN) == 1, "dropped while Redis is down");
            assertTrue(!a.bus.status().connected());
        } finally {
            redis.start();
        }
        Node b = new Node("t5", "mcp/1");
        try {
            awaitTrue(() -> a.bus.status().connected() && b.bus.status().connected(), "both linked");
            assertEquals(0, a.bus.status().reconnects(), "the first link is not a reconnect");
            b.bus.publish(ClusterEvent.RESOURCES_CHANGED);
            assertEquals(ClusterEvent.RESOURCES_CHANGED, a.next());
        } finally {
            a.bus.close();
            b.bus.close();
        }
    }

    /** Waits (bounded) for {@code condition}, checking every 20 ms. */
    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}

package dev.mcpws.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.cluster.Cluster;
import dev.mcpws.cluster.ClusterBus;
import dev.mcpws.cluster.ClusterListener;
import dev.mcpws.tasks.TaskStore;
import dev.mcpws.tasks.TaskStoreContract;
import dev.mcpws.testing.RedisServer;
import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The task store contract on a real redis-server, with two stores of two cluster buses (two nodes, each its own
 * client and connection) on a channel of their own per test; plus what only Redis has: the keys, their expiry, the
 * channel's isolation, and Redis down (at start and later) and back.
 */
@Timeout(120)
class RedisTaskStoreTest extends TaskStoreContract {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    static RedisServer redis;

    private final String channel = "contract-" + UUID.randomUUID();
    private final List<ClusterBus> buses = new ArrayList<>();
    private final TaskStore a = open(redis, channel);
    private final TaskStore b = open(redis, channel);

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.launch();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void closeBuses() {
        buses.forEach(ClusterBus::close);
    }

    private TaskStore open(RedisServer server, String channel) {
        ClusterBus bus = Cluster.open(server.uri(), channel, "mcp/1", KEY, 10, ClusterListener.NONE);
        buses.add(bus);
        return bus.taskStore().orElseThrow();
    }

    @Override
    protected TaskStore node() {
        return a;
    }

    @Override
    protected TaskStore otherNode() {
        return b;
    }

    @Test
    void everyKeyIsUnderTheChannelsPrefixAndExpires() {
        a.create(task("t", "principal:ann"), 5, 5, t0);
        RedisClient raw = RedisClient.create(redis.uri());
        try (var c = raw.connect()) {
            String p = channel + ":tasks:";
            Set<String> keys = new TreeSet<>(c.sync().keys("*" + channel + "*"));
            assertEquals(new TreeSet<>(List.of(p + "all", p + "live:principal:ann", p + "owner:principal:ann", p + "task:t")),
                    keys);
            for (String k : keys) {
                long pttl = c.sync().pttl(k);
                assertTrue(pttl > 0 && pttl <= TTL, k + " expires (PTTL " + pttl + ")");
            }
            assertTrue(c.sync().get(p + "task:t").contains("\"owner\":\"principal:ann\""), "the record as JSON");
        } finally {
            raw.shutdown();
        }
        TaskStore otherCluster = open(redis, channel + "-other");
        assertNull(otherCluster.get("t", t0), "another channel is another cluster");
        assertEquals(0, otherCluster.size());
        otherCluster.create(task("t", "principal:ann"), 5, 5, t0);
        assertEquals(1, a.size());
    }

    /**
     * Redis down when the store is first used, then up; then down again and up (its script cache empty after the
     * restart): each call fails with UnavailableException while it is down (never hangs), works once it is back, and
     * the outage is logged once (MCPWS1409W) and its end once (MCPWS1410I).
     */
    @Test
    void redisDownIsUnavailableAndTheStoreRecovers() throws Exception {
        List<String> logged = new ArrayList<>();
        Logger log = Logger.getLogger(RedisTaskStore.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (logged) {
                    logged.add(r.getMessage().substring(0, 10));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try (RedisServer own = RedisServer.launch()) {
            own.stop();
            TaskStore store = open(own, channel);
            assertThrows(TaskStore.UnavailableException.class, () -> store.create(task("t", "o"), 5, 5, t0));
            own.start();
            awaitUsable(store);
            store.create(task("t", "o"), 5, 5, t0);
            assertNotNull(store.get("t", t0));

            own.stop();
            assertThrows(TaskStore.UnavailableException.class, () -> store.get("t", t0));
            assertThrows(TaskStore.UnavailableException.class, () -> store.update("t", r -> r.message("m", t0)));
            own.start();
            awaitUsable(store);
            assertNull(store.get("t", t0), "a Redis without persistence restarted empty");
            store.create(task("t2", "o"), 5, 5, t0); // its scripts sent again (NOSCRIPT)
            assertEquals("m", store.update("t2", r -> r.message("m", t0 + 1)).statusMessage());
        } finally {
            log.removeHandler(capture);
        }
        synchronized (logged) {
            assertEquals(List.of("MCPWS1409W", "MCPWS1410I", "MCPWS1409W", "MCPWS1410I"), logged);
        }
    }

    /** Tries a read until it no longer fails (Lettuce reconnects with a backoff of up to 5 s), at most 60 s. */
    private static void awaitUsable(TaskStore store) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                store.size();
                return;
            } catch (TaskStore.UnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the store did not come back within 60 s", e);
                }
                Thread.sleep(100);
            }
        }
    }
}

package dev.mcpws.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The wiring of cluster mode: off without a Redis URI (nothing of Redis loaded, no thread), checked when on. */
class ClusterTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void withoutAUriItIsTheLocalBus() {
        assertSame(ClusterBus.LOCAL, Cluster.open(null, "c", "s/1", null, 10, ClusterListener.NONE));
        assertSame(ClusterBus.LOCAL, Cluster.open("  ", "c", "s/1", KEY, 10, ClusterListener.NONE));
        assertFalse(ClusterBus.LOCAL.status().enabled());
    }

    /**
     * In a class loader of its own (the test classpath, nothing shared but the JDK): opening the bus without a URI
     * loads no class of the Redis package, Lettuce, Netty or Reactor and starts no thread; opening it with a URI (no
     * Redis needed: it connects at start) loads them, which shows the check would see them.
     */
    @Test
    void offByDefaultLoadsNoRedisClassAndStartsNoThread() throws Exception {
        try (Isolated loader = new Isolated()) {
            Class<?> cluster = loader.loadClass(Cluster.class.getName());
            Class<?> listener = loader.loadClass(ClusterListener.class.getName());
            Object none = listener.getField("NONE").get(null);
            var open = cluster.getMethod("open", String.class, String.class, String.class, byte[].class, int.class, listener);
            Set<String> threadsBefore = threadNames();

            Object local = open.invoke(null, null, "c", "s/1", KEY, 10, none);
            assertEquals(ClusterBus.class.getName() + "$1", local.getClass().getName());
            List<String> redis = List.of("dev.mcpws.cluster.redis.RedisClusterBus", "io.lettuce.core.RedisClient",
                    "io.netty.channel.EventLoopGroup", "reactor.core.publisher.Flux");
            for (String c : redis) {
                assertFalse(loader.loaded(c), c + " was loaded without mcp.cluster.redis-uri");
            }
            assertEquals(threadsBefore, threadNames(), "threads started without mcp.cluster.redis-uri");

            Object bus = open.invoke(null, "redis://127.0.0.1:1", "c", "s/1", KEY, 10, none);
            try {
                assertTrue(loader.loaded("dev.mcpws.cluster.redis.RedisClusterBus"));
                assertTrue(loader.loaded("io.lettuce.core.RedisClient"));
            } finally {
                ((AutoCloseable) bus).close();
            }
        }
    }

    @Test
    void clusterModeWithoutTheSharedSecretRefusesToStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Cluster.open("redis://127.0.0.1:6379", "c", "s/1", null, 10, ClusterListener.NONE));
        assertTrue(e.getMessage().startsWith("MCPWS1401E: "), e.getMessage());
        assertTrue(e.getMessage().contains("mcp.mrtr.secret"), e.getMessage());
    }

    @Test
    void anUnreadableUriIsRefusedWithoutQuotingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Cluster.open("http://user:hunter2@host:1", "c", "s/1", KEY, 10, ClusterListener.NONE));
        assertTrue(e.getMessage().startsWith("MCPWS1407E: "), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertEquals(null, e.getCause());
    }

    @Test
    void theFingerprintTellsKeysApartWithoutShowingThem() {
        String a = Cluster.fingerprint(KEY);
        assertEquals(a, Cluster.fingerprint(KEY.clone()));
        byte[] other = KEY.clone();
        other[0] ^= 1;
        assertNotEquals(a, Cluster.fingerprint(other));
        assertEquals(16, a.length());
        assertFalse(a.contains("3031"), "the key's bytes are not in it");
        assertNotEquals(Cluster.newNodeId(), Cluster.newNodeId());
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("lettuce") || n.startsWith("mcp-cluster") || n.contains("reactor"))
                .collect(Collectors.toSet());
    }

    /** The test classpath in a loader whose parent is the platform loader: every class of ours loaded afresh. */
    private static final class Isolated extends URLClassLoader {
        Isolated() throws MalformedURLException {
            super(urls(), ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }

        private static URL[] urls() throws MalformedURLException {
            List<URL> urls = new ArrayList<>();
            for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
                urls.add(new File(p).toURI().toURL());
            }
            return urls.toArray(URL[]::new);
        }
    }
}

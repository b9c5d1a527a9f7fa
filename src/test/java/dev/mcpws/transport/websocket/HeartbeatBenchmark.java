package dev.mcpws.transport.websocket;

import dev.mcpws.transport.TransportListener;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This project's own share of a heartbeat ping/pong, without a container: one socket's turn that pings (nonce, queue,
 * the container's {@code sendPing}, here a stand-in proxy) plus the pong that answers it (nonce check, round trip) plus
 * the next turn, which the pong spares. The metrics are left out (a no-op listener: the container's timer cannot run
 * here); {@code proxySendPing} is the stand-in's own cost, to subtract; {@code secureRandomNonce} is the nonce alone.
 * In the test sources next to the class it measures (it is package-private). Run: see BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HeartbeatBenchmark {

    private final SecureRandom random = new SecureRandom();
    private ScheduledExecutorService closer;
    private WebSocketConnection connection;
    private RemoteEndpoint.Async remote;
    private Session session;
    private ByteBuffer lastPing;

    @Setup(Level.Trial)
    public void setUp() {
        closer = Executors.newSingleThreadScheduledExecutor();
        remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (p, m, a) -> {
                    if (m.getName().equals("sendPing")) {
                        lastPing = (ByteBuffer) a[0];
                    }
                    return null;
                });
        session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getAsyncRemote" -> remote;
                    case "isOpen" -> true;
                    default -> null;
                });
        connection = new WebSocketConnection(session, 1000, 1 << 24, new TransportListener() { }, closer, Runnable::run);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        closer.shutdownNow();
    }

    /** A ping turn, its pong, and the turn the pong spares. */
    @Benchmark
    public long pingPongAndSparedTurn() {
        connection.heartbeat(2);
        long rtt = connection.pong(lastPing);
        connection.heartbeat(2);
        return rtt;
    }

    /** The stand-in's cost of {@code getAsyncRemote().sendPing(…)} (a reflective proxy call), to subtract. */
    @Benchmark
    public ByteBuffer proxySendPing() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(8);
        session.getAsyncRemote().sendPing(b);
        return lastPing;
    }

    /** The nonce alone: {@code SecureRandom.nextLong()}. */
    @Benchmark
    public long secureRandomNonce() {
        return random.nextLong();
    }

    private final byte[] batch = new byte[64 * Long.BYTES];
    private final SecureRandom drbg = drbg();
    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 64 nonces in one draw, per nonce. */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(64)
    public byte[] secureRandomBatchOf64() {
        random.nextBytes(batch);
        return batch;
    }

    @Benchmark
    public long drbgNonce() {
        return drbg.nextLong();
    }

    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(64)
    public byte[] drbgBatchOf64() {
        drbg.nextBytes(batch);
        return batch;
    }
}

package dev.mcpws.transport.websocket;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;

/**
 * Unpredictable 64-bit nonces for heartbeat pings, drawn from a {@link SecureRandom} 64 at a time: one
 * {@code nextLong()} per ping cost 0.2-3.5 µs (a lock, and a read of {@code /dev/urandom} every 32 bytes), a batch of 64
 * about 0.06 µs per nonce ({@code HeartbeatBenchmark}). Not thread-safe: one per thread.
 */
final class Nonces {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    static final int BATCH = 64;

    private final byte[] batch = new byte[BATCH * Long.BYTES];
    private int next = batch.length;

    /** The next nonce, never 0. */
    long next() {
        if (next == batch.length) {
            RANDOM.nextBytes(batch);
            next = 0;
        }
        long nonce = (long) LONGS.get(batch, next);
        next += Long.BYTES;
        return nonce != 0 ? nonce : 1; // 0 means "no ping outstanding"
    }
}

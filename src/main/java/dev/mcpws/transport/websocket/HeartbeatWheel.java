package dev.mcpws.transport.websocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The heartbeat's sockets spread over the slots of a wheel. A new socket goes to the next slot in turn (so sockets
 * that open together, after a restart say, are still spread evenly); each tick of the heartbeat advances to the next
 * slot and visits only its sockets. With {@code slots} ticks per interval, every socket's turn comes once per
 * interval and no tick touches more than about 1/slots of the sockets: 10,000 pings are not written in one burst
 * (nor their 10,000 pongs read at once).
 *
 * <p>Thread safety: {@link #add} and {@link #remove} from any thread; {@link #advance} from the heartbeat's task only
 * (its runs are sequential).
 *
 * @param <T> what is placed on the wheel (a connection)
 */
final class HeartbeatWheel<T> {

    /**
     * A tick every second at most: 25 slots at the default 25 s interval (400 of 10,000 sockets per tick). Each run of
     * the container's managed scheduled task costs about 0.4 ms whatever it does (CapacityRun, CPU of the scheduler's
     * threads): at a tick every 100 ms that alone was 0.4 % of a core.
     */
    static final long MIN_TICK_MS = 1000;
    /** At most this many slots, however long the interval (a tick every 7 s for an interval of an hour). */
    static final int MAX_SLOTS = 512;

    private final Set<T>[] slots;
    private final AtomicInteger placed = new AtomicInteger();
    private int cursor = -1;

    @SuppressWarnings("unchecked")
    HeartbeatWheel(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be >= 1");
        }
        this.slots = new Set[slots];
        for (int i = 0; i < slots; i++) {
            this.slots[i] = ConcurrentHashMap.newKeySet();
        }
    }

    /** The number of slots for an interval: a tick every {@link #MIN_TICK_MS} or more, at most {@link #MAX_SLOTS}. */
    static int slotsFor(long intervalMs) {
        return (int) Math.max(1, Math.min(MAX_SLOTS, intervalMs / MIN_TICK_MS));
    }

    /** Time between two ticks, in microseconds: the interval divided by the slots. */
    static long tickMicros(long intervalMs, int slots) {
        return Math.max(1, TimeUnit.MILLISECONDS.toMicros(intervalMs) / slots);
    }

    int slots() {
        return slots.length;
    }

    /** Places an item in the next slot in turn; returns that slot (for {@link #remove}). */
    int add(T item) {
        int slot = Math.floorMod(placed.getAndIncrement(), slots.length);
        slots[slot].add(item);
        return slot;
    }

    void remove(T item, int slot) {
        slots[slot].remove(item);
    }

    /** Moves to the next slot and returns its items (a live, weakly consistent view). */
    Iterable<T> advance() {
        cursor = cursor + 1 == slots.length ? 0 : cursor + 1;
        return slots[cursor];
    }

    /** The number of items on the wheel. */
    int size() {
        int n = 0;
        for (Set<T> s : slots) {
            n += s.size();
        }
        return n;
    }

    /** Every item, slot by slot (weakly consistent). */
    void forEach(java.util.function.Consumer<? super T> action) {
        for (Set<T> s : slots) {
            s.forEach(action);
        }
    }
}

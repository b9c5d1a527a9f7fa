package dev.mcpws.engine;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;

/**
 * One connection's share of the worker pool: at most {@code limit} of its requests are handed to the pool at once; the
 * others wait, in arrival order, in this connection's own queue instead of the pool's. So a connection that sends a
 * burst of slow calls occupies at most {@code limit} workers, and every other connection's requests reach the pool
 * right behind them rather than behind the whole burst. Thread-safe.
 */
final class WorkShare {

    private final int limit;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int running;

    /** A request waiting for a slot: how to start it, and what to do if the pool refuses it then. */
    private record Waiting(Runnable start, Runnable refused) {
    }

    WorkShare(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1");
        }
        this.limit = limit;
    }

    /**
     * Runs {@code start} (which hands one request to the pool) now when the share allows, else when one of this
     * connection's running requests is {@link #done}; {@code refused} runs instead if the pool refuses it then.
     *
     * @throws RejectedExecutionException from {@code start} run now (the slot is given back)
     */
    void submit(Runnable start, Runnable refused) {
        synchronized (this) {
            if (running >= limit) {
                waiting.add(new Waiting(start, refused));
                return;
            }
            running++;
        }
        try {
            start.run();
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                running--;
            }
            throw e;
        }
    }

    /**
     * A request of this connection left its worker: the next waiting one starts in its slot. One the pool refuses
     * (it is shut down) gets its {@code refused} instead, and the next is tried.
     */
    void done() {
        while (true) {
            Waiting next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    running--;
                    return;
                }
            }
            try {
                next.start().run();
                return;
            } catch (RejectedExecutionException e) {
                next.refused().run();
            }
        }
    }

    /** Requests waiting for this connection's share (not yet in the pool). */
    synchronized int waiting() {
        return waiting.size();
    }
}

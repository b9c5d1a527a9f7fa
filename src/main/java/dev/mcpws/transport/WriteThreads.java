package dev.mcpws.transport;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A transport's write threads: they write the messages that belong to no request (notifications, requests to the
 * client; see {@code WebSocketConnection#send}) and a listen's notifications (on Streamable HTTP too: see
 * {@code Exchange#notifyDetached}), so the thread that produced one (it may serve many clients) never waits for a peer
 * that does not read. A thread is started when none is idle, up to {@code max}; beyond that the
 * writes wait in an overflow queue that every write thread empties before it becomes idle, so none is lost. Each
 * socket (or SSE stream) has at most one write waiting here ({@code WebSocketConnection#handOff}), which bounds the
 * overflow by the number of clients. A thread blocked on a peer that does not read is freed by the send timeout
 * (WebSocket) or the server's HTTP write timeout.
 */
public final class WriteThreads implements Executor {

    private final ThreadPoolExecutor threads;
    private final Queue<Runnable> overflow = new ConcurrentLinkedQueue<>();

    public WriteThreads(int max, ThreadFactory factory) {
        threads = new ThreadPoolExecutor(0, max, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    }

    /** Runs {@code write} on a write thread, never on the caller's; dropped once {@link #shutdown} was called. */
    @Override
    public void execute(Runnable write) {
        try {
            threads.execute(() -> {
                write.run();
                runOverflow();
            });
        } catch (RejectedExecutionException busy) {
            if (threads.isShutdown()) {
                return; // the application stops: Liberty closes its sockets
            }
            // every thread is busy: one of them takes it when it is done (offered again in case all of them finished
            // between the refusal and the add: if that is refused too, they are all busy and will see it)
            overflow.add(write);
            try {
                threads.execute(this::runOverflow);
            } catch (RejectedExecutionException stillBusy) {
                // taken by a busy thread when it is done
            }
        }
    }

    private void runOverflow() {
        for (Runnable more = overflow.poll(); more != null; more = overflow.poll()) {
            more.run();
        }
    }

    /** Threads now (idle ones included). */
    public int size() {
        return threads.getPoolSize();
    }

    /** Stops: blocked writes are interrupted, waiting ones dropped. */
    public void shutdown() {
        threads.shutdownNow();
        overflow.clear();
    }
}

package dev.mcpws.transport.websocket;

import dev.mcpws.engine.McpConnection;
import dev.mcpws.engine.RequestChannel;
import dev.mcpws.transport.TransportListener;
import dev.mcpws.protocol.JsonRpcMessage;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * One WebSocket as the engine sees it. Everything written to the socket (messages and heartbeat pings) goes through a
 * bounded per-socket queue with at most one send in progress, so any thread may send, frames never interleave, a slow
 * peer only delays its own queue, and a peer that stops reading is closed (1013) instead of growing server memory.
 * It is also the {@link RequestChannel} of every request on the socket: answers and the messages of a request all go
 * into the same queue, in order.
 */
final class WebSocketConnection implements McpConnection, RequestChannel {

    private static final Logger LOG = Logger.getLogger(WebSocketConnection.class.getName());
    private static final AtomicLong IDS = new AtomicLong();

    /** Close code for a peer that missed too many heartbeat pongs (application-defined range). */
    static final int CLOSE_HEARTBEAT_TIMEOUT = 4000;

    private final Session ws;
    private final String id;
    private final int maxQueued;
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long openedNanos = System.nanoTime();
    private final TransportListener listener;
    private final JsonRpcEncoder encoder;

    /** Pings sent and not yet answered; reset by every pong. */
    private final AtomicInteger missedPongs = new AtomicInteger();
    private volatile int closeCode = CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode();

    /** A heartbeat ping waiting in the queue; its payload is the send time in nanoseconds. */
    private record Ping(long sentNanos) {
    }

    /** Runs closes: a close handshake can wait on a peer that does not read, and no caller may block on that. */
    private final java.util.concurrent.Executor closer;

    WebSocketConnection(Session ws, int maxQueued, TransportListener listener, java.util.concurrent.Executor closer) {
        this.ws = ws;
        this.closer = closer;
        this.id = "ws-" + IDS.incrementAndGet();
        this.maxQueued = maxQueued;
        this.listener = listener;
        this.encoder = new JsonRpcEncoder(listener);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String transport() {
        return "websocket";
    }

    @Override
    public Principal principal() {
        return ws.getUserPrincipal();
    }

    Session session() {
        return ws;
    }

    long openedNanos() {
        return openedNanos;
    }

    int queuedMessages() {
        return queued.get();
    }

    @Override
    public void send(JsonRpcMessage message) {
        enqueue(message);
    }

    @Override
    public void respond(JsonRpcMessage response) {
        enqueue(response);
    }

    @Override
    public void notify(JsonRpcMessage message) {
        enqueue(message);
    }

    @Override
    public void skip() {
        // a socket has nothing to end for a request that is not answered
    }

    private void enqueue(Object item) {
        if (closed.get()) {
            return;
        }
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            dev.mcpws.diagnostics.Messages.CLIENT_NOT_READING.log(LOG, null, id, maxQueued);
            close(CloseReason.CloseCodes.TRY_AGAIN_LATER.getCode(), "outbound queue full (the client is not reading)");
            return;
        }
        queue.add(item);
        drain();
    }

    /** The connection whose queue the current thread is draining (to turn inline send completions into a loop). */
    private static final ThreadLocal<WebSocketConnection> DRAINING = new ThreadLocal<>();
    /** Set by a send that completed inline, on the draining thread: the outer loop must go on. */
    private boolean redrain;

    private void drain() {
        if (DRAINING.get() == this) {
            redrain = true; // the container completed a send inline: continue in the loop below, not by recursion
            return;
        }
        DRAINING.set(this);
        try {
            do {
                redrain = false;
                drainOnce();
            } while (redrain);
        } finally {
            DRAINING.remove();
        }
    }

    private void drainOnce() {
        while (!queue.isEmpty() && sending.compareAndSet(false, true)) {
            Object next = queue.poll();
            if (next == null) {
                sending.set(false);
                continue;
            }
            queued.decrementAndGet();
            try {
                if (next instanceof Ping ping) {
                    ByteBuffer payload = ByteBuffer.allocate(Long.BYTES).putLong(0, ping.sentNanos());
                    ws.getAsyncRemote().sendPing(payload);
                    sending.set(false);
                    continue;
                }
                ws.getAsyncRemote().sendText(encoder.encode((JsonRpcMessage) next), this::sent);
                return;
            } catch (IOException | RuntimeException e) {
                sending.set(false);
                failed(e);
                return;
            }
        }
    }

    private void sent(SendResult result) {
        sending.set(false);
        if (!result.isOK()) {
            failed(result.getException());
            return;
        }
        drain();
    }

    private void failed(Throwable t) {
        if (!closed.get()) {
            dev.mcpws.diagnostics.Messages.SEND_FAILED.log(LOG, t, id);
            close(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "send failed");
        }
    }

    /**
     * One heartbeat tick: closes the socket when {@code maxMissed} pings in a row went unanswered, otherwise queues a
     * ping. A ping that cannot even be queued (the peer is not reading) counts as missed too.
     */
    void heartbeat(int maxMissed) {
        if (closed.get()) {
            return;
        }
        if (missedPongs.get() >= maxMissed) {
            dev.mcpws.diagnostics.Messages.HEARTBEAT_MISSED.log(LOG, null, id, maxMissed);
            close(CLOSE_HEARTBEAT_TIMEOUT, "heartbeat timeout: " + maxMissed + " pings unanswered");
            return;
        }
        if (missedPongs.getAndIncrement() > 0) {
            listener.missedPong();
        }
        enqueue(new Ping(System.nanoTime()));
    }

    /** A pong arrived: the peer is alive. Returns the round trip when the payload is one of our pings, else -1. */
    long pong(ByteBuffer payload) {
        missedPongs.set(0);
        if (payload != null && payload.remaining() == Long.BYTES) {
            long rtt = System.nanoTime() - payload.getLong(payload.position());
            if (rtt >= 0 && rtt < 3_600_000_000_000L) {
                listener.pong(rtt);
                return rtt;
            }
        }
        return -1;
    }

    /** Marks the connection closed for senders (the socket closed or is closing). */
    void markClosed(int code) {
        if (closed.compareAndSet(false, true)) {
            closeCode = code;
        }
        queue.clear();
        queued.set(0);
    }

    /** The code the connection was closed with (by us or by the peer). */
    int closeCode() {
        return closeCode;
    }

    boolean isClosed() {
        return closed.get();
    }

    /**
     * Closes the socket with a close code and reason. Returns at once: the close handshake runs on another thread, since
     * it may have to wait for writes the peer does not read (the caller may be a container read thread or the
     * heartbeat, which must never block on one peer).
     */
    @Override
    public void close(int code, String reason) {
        markClosed(code);
        Runnable closing = () -> {
            try {
                if (ws.isOpen()) {
                    ws.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
                }
            } catch (IOException | IllegalStateException e) {
                dev.mcpws.diagnostics.Messages.CLOSE_FAILED.log(LOG, e, id);
            }
        };
        try {
            closer.execute(closing);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            closing.run();
        }
    }
}

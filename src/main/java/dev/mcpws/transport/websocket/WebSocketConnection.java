package dev.mcpws.transport.websocket;

import dev.mcpws.engine.McpConnection;
import dev.mcpws.engine.RequestChannel;
import dev.mcpws.transport.TransportListener;
import dev.mcpws.protocol.JsonRpcMessage;
import jakarta.websocket.CloseReason;
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
    private final long maxQueuedBytes;
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    /** When the send in progress started (0: none): a client that reads is one whose sends complete. */
    private volatile long sendingSinceNanos;

    /** How long a send may be in progress before a queue over its message count means "the client stopped reading". */
    static final long STALL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    /** A message encoded when queued, with its UTF-8 size (the queue is bounded in bytes). */
    private record Out(String text, int bytes) {
    }
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long openedNanos = System.nanoTime();
    private final TransportListener listener;

    /**
     * Pings sent in a row since the peer last proved alive; written by the heartbeat's turns only (one at a time),
     * volatile because consecutive turns may run on different threads.
     */
    private volatile int missedPongs;
    /**
     * Any inbound frame (a message part, a pong, even an unsolicited or forged one) since the socket's last heartbeat
     * turn: the peer is alive, and its next turn sends no ping. Set on the container's read thread without an
     * allocation or an atomic read-modify-write (a frame that arrives while a turn clears it only costs one ping).
     */
    private volatile boolean heard;
    /** The slot of the heartbeat's wheel this socket is on (set once by the transport). */
    int heartbeatSlot;
    private volatile int closeCode = CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode();

    /** A graceful close (1000, 1001) asked for while messages were still queued: done once they are written. */
    private record Closing(int code, String reason) {
    }

    private final AtomicBoolean closing = new AtomicBoolean();

    /** A heartbeat ping waiting in the queue; its payload is a random nonce that only its pong can repeat. */
    private record Ping(long nonce) {
    }

    /**
     * The nonce of the last ping written (0: none, or already answered) and when it was written: only a pong with
     * that nonce is a round trip, once (a compare-and-set to 0). Primitive fields, not an object per ping: a new
     * object stored into a long-lived connection costs the collector a dirty card per ping (G1's refinement threads
     * took about 12 µs per ping/pong in the capacity run). Written by the one sender at a time (nonce 0 first, then
     * the time, then the nonce), so a pong that read the old nonce never pairs it with the new time: its
     * compare-and-set fails.
     */
    private volatile long pingNonce;
    private volatile long pingSentNanos;
    private static final java.lang.invoke.VarHandle PING_NONCE;

    static {
        try {
            PING_NONCE = java.lang.invoke.MethodHandles.lookup().findVarHandle(WebSocketConnection.class, "pingNonce", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    /** Nonces of this thread (the heartbeat's ticks run on the container's threads), drawn in batches. */
    private static final ThreadLocal<Nonces> NONCES = ThreadLocal.withInitial(Nonces::new);

    /** Runs closes: a close handshake can wait on a peer that does not read, and no caller may block on that. */
    private final java.util.concurrent.ScheduledExecutorService closer;
    /** Writes the messages that belong to no request (the transport's write threads). */
    private final java.util.concurrent.Executor writer;
    private long closeTimeoutMs;
    private volatile Runnable release = () -> { };
    private final AtomicBoolean released = new AtomicBoolean();

    WebSocketConnection(Session ws, int maxQueued, long maxQueuedBytes, TransportListener listener,
                        java.util.concurrent.ScheduledExecutorService closer, java.util.concurrent.Executor writer) {
        this.ws = ws;
        this.closer = closer;
        this.writer = writer;
        this.id = "ws-" + IDS.incrementAndGet();
        this.maxQueued = maxQueued;
        this.maxQueuedBytes = maxQueuedBytes;
        this.listener = listener;
    }

    /**
     * What gives the connection's slot back (the endpoint's close path), and how long a close handshake the server
     * started may wait for the peer before that runs anyway: a peer that never answers the close frame must not stay
     * counted.
     */
    void onRelease(Runnable release, long closeTimeoutMs) {
        this.release = release;
        this.closeTimeoutMs = closeTimeoutMs;
    }

    /** Runs the release once (the container's close event, or the close timeout, whichever comes first). */
    void release() {
        if (released.compareAndSet(false, true)) {
            java.util.concurrent.Future<?> timeout = closeTimeout;
            if (timeout != null) {
                timeout.cancel(false); // else it fires after the application stopped, and the container logs an error
            }
            release.run();
        }
    }

    /** The pending close timeout, if any (cancelled when the connection is released). */
    private volatile java.util.concurrent.Future<?> closeTimeout;

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

    /** A message that belongs to no request: written by a write thread of the transport (see {@link #handOff}). */
    @Override
    public void send(JsonRpcMessage message) {
        if (enqueue(message)) {
            handOff();
        }
    }

    /** An answer: written on this thread, which serves the request (its own socket's reader or a worker). */
    @Override
    public void respond(JsonRpcMessage response) {
        if (enqueue(response)) {
            drain();
        }
    }

    /** A message of a request (progress, a log message): written on this thread, like the answer. */
    @Override
    public void notify(JsonRpcMessage message) {
        if (enqueue(message)) {
            drain();
        }
    }

    /** A message of a listen, from the thread that changed something: written by a write thread, like {@link #send}. */
    @Override
    public void notifyDetached(JsonRpcMessage message) {
        send(message);
    }

    @Override
    public void skip() {
        // a socket has nothing to end for a request that is not answered
    }

    /**
     * Queues a message or a ping. The queue is bounded twice: in bytes ({@code mcp.websocket.max-queued-bytes}, always:
     * the memory a peer can hold; one message alone is always accepted) and in messages
     * ({@code mcp.websocket.max-queued-messages}, when the send in progress has been stuck for a second: a peer that
     * reads steadily while it pipelines many requests is not one that stopped reading). Over either: close 1013.
     */
    private boolean enqueue(Object item) {
        if (closed.get() || closing.get()) {
            return false;
        }
        Object out = item;
        int bytes = 0;
        if (item instanceof JsonRpcMessage m) {
            String text = dev.mcpws.protocol.JsonRpcCodec.encode(m);
            bytes = dev.mcpws.transport.Utf8.length(text);
            out = new Out(text, bytes);
        }
        long waiting = queuedBytes.addAndGet(bytes);
        if (waiting > maxQueuedBytes && waiting > bytes) {
            queuedBytes.addAndGet(-bytes);
            dev.mcpws.diagnostics.Messages.CLIENT_QUEUE_TOO_LARGE.log(LOG, null, id, waiting - bytes);
            close(CloseReason.CloseCodes.TRY_AGAIN_LATER.getCode(), "outbound queue full (the client is not reading)");
            return false;
        }
        if (queued.incrementAndGet() > maxQueued && stalled()) {
            queued.decrementAndGet();
            queuedBytes.addAndGet(-bytes);
            dev.mcpws.diagnostics.Messages.CLIENT_NOT_READING.log(LOG, null, id, maxQueued);
            close(CloseReason.CloseCodes.TRY_AGAIN_LATER.getCode(), "outbound queue full (the client is not reading)");
            return false;
        }
        queue.add(out);
        return true;
    }

    /** A send has been in progress for longer than {@code nanos} at {@code now} (both {@link System#nanoTime}). */
    boolean sendingLongerThan(long nanos, long now) {
        long since = sendingSinceNanos;
        return since != 0 && now - since > nanos;
    }

    /**
     * The message in progress has not been written within the send timeout: the peer does not read. Closed with
     * 1013 like a peer whose queue overflows; the close gives the write up (Liberty ends a write in progress when
     * its close handshake cannot wait any longer), which also frees a container thread that waits for it.
     */
    void sendTimedOut(long timeoutMs) {
        if (closed.get()) {
            return;
        }
        dev.mcpws.diagnostics.Messages.SEND_TIMED_OUT.log(LOG, null, id, timeoutMs);
        closeNow(CloseReason.CloseCodes.TRY_AGAIN_LATER.getCode(), "send timed out (the client is not reading)");
    }

    /** A send has been in progress for longer than {@link #STALL_NANOS}. */
    private boolean stalled() {
        return sendingLongerThan(STALL_NANOS, System.nanoTime());
    }

    /**
     * Writes what is queued, unless another thread is writing already (it then writes this too: it checks the queue
     * again after it gives the send up). Each message is written with the container's blocking send, on this thread:
     * a write to a peer that reads completes at once, and it never waits for another thread of the container. (The
     * asynchronous send did: Liberty completes it on a thread of its pool, and the pool's threads that read a peer's
     * close frame wait for the write in progress on that socket, so a burst of closes stalled every answer behind it
     * and could hold the whole pool: {@code CloseBurstIT}.) A write to a peer that does not read blocks this thread
     * until {@code mcp.websocket.send-timeout-ms} closes the socket.
     */
    private void drain() {
        while (!queue.isEmpty() && sending.compareAndSet(false, true)) {
            Object next;
            try {
                while ((next = queue.poll()) != null) {
                    queued.decrementAndGet();
                    if (next instanceof Closing c) {
                        sending.set(false);
                        closeNow(c.code(), c.reason());
                        return;
                    }
                    if (next instanceof Ping ping) {
                        writePing(ping.nonce());
                        continue;
                    }
                    Out message = (Out) next;
                    queuedBytes.addAndGet(-message.bytes());
                    listener.sent(WebSocketTransport.NAME, message.bytes());
                    sendingSinceNanos = System.nanoTime() | 1; // never 0 while sending
                    ws.getBasicRemote().sendText(message.text());
                    sendingSinceNanos = 0;
                }
            } catch (IOException | RuntimeException e) {
                sendingSinceNanos = 0;
                sending.set(false);
                failed(e);
                return;
            }
            sending.set(false);
        }
    }

    /**
     * Has a message that belongs to no request (a notification, a request to the client) written by one of the
     * transport's write threads, so the thread that produced it (it may serve many sockets: a subscription's fan-out,
     * the cluster bus) never waits for this peer. Nothing to do when a send is in progress (its thread writes this
     * too) or a drain is already waiting for a write thread (it writes this too).
     */
    private void handOff() {
        if (!queue.isEmpty() && !sending.get() && handedOff.compareAndSet(false, true)) {
            writer.execute(() -> {
                handedOff.set(false); // cleared first: whatever was queued before now is written by the drain below
                drain();
            });
        }
    }

    /** A drain of this socket waits for a write thread: at most one at a time (the write threads' queue stays bounded). */
    private final AtomicBoolean handedOff = new AtomicBoolean();

    /**
     * A write failed: the peer is gone (the connection was reset or closed under us). Counted as 1006 (an abnormal
     * closure, not an internal error of ours); the close frame, should it still get through, says 1011.
     */
    private void failed(Throwable t) {
        if (!closed.get()) {
            dev.mcpws.diagnostics.Messages.SEND_FAILED.log(LOG, t, id);
            markClosed(CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode());
            close(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "send failed");
        }
    }

    /** An inbound frame arrived (a part of a message, a pong): the peer proved alive since its last turn. */
    void heard() {
        if (!heard) {
            heard = true;
        }
    }

    /**
     * The socket's heartbeat turn (once per interval). A peer heard from since its last turn (any frame, or a pong)
     * is alive: no ping, and the pings in a row start again from zero. Otherwise the socket is closed (4000) when
     * {@code maxMissed} pings in a row went unanswered, or else pinged. A ping that cannot even be queued (the peer
     * is not reading) counts as missed too. Returns what the turn did.
     */
    Turn heartbeat(int maxMissed) {
        if (closed.get()) {
            return Turn.NONE;
        }
        if (heard) {
            heard = false;
            missedPongs = 0;
            return Turn.ALIVE;
        }
        int missed = missedPongs;
        if (missed >= maxMissed) {
            dev.mcpws.diagnostics.Messages.HEARTBEAT_MISSED.log(LOG, null, id, maxMissed);
            close(CLOSE_HEARTBEAT_TIMEOUT, "heartbeat timeout: " + maxMissed + " pings unanswered");
            return Turn.CLOSED;
        }
        missedPongs = missed + 1;
        if (missed > 0) {
            listener.missedPong();
        }
        ping(NONCES.get().next());
        return Turn.PINGED;
    }

    /**
     * Sends a ping: at once when nothing is queued or being sent (the usual case on an idle socket: no queue entry,
     * no allocation but the payload), else through the queue behind what waits. Either way one send at a time.
     */
    private void ping(long nonce) {
        if (closed.get() || closing.get()) {
            return;
        }
        if (queue.isEmpty() && sending.compareAndSet(false, true)) {
            try {
                writePing(nonce);
            } catch (IOException | RuntimeException e) {
                sending.set(false);
                failed(e);
                return;
            }
            sending.set(false);
            handOff(); // queued meanwhile
            return;
        }
        if (enqueue(new Ping(nonce))) {
            handOff();
        }
    }

    /** Writes a ping frame with the nonce (the container writes it synchronously); the caller holds the send. */
    private void writePing(long nonce) throws IOException {
        pingNonce = 0;
        long now = System.nanoTime();
        pingSentNanos = now;
        pingNonce = nonce;
        sendingSinceNanos = now | 1;
        ws.getAsyncRemote().sendPing(ByteBuffer.allocate(Long.BYTES).putLong(0, nonce));
        sendingSinceNanos = 0;
    }

    /** What a heartbeat turn did to the socket. */
    enum Turn {
        /** nothing: the socket is closed */
        NONE,
        /** no ping: the peer sent something since its last turn */
        ALIVE,
        /** pinged */
        PINGED,
        /** closed with 4000: too many pings in a row unanswered */
        CLOSED
    }

    /**
     * A pong arrived: the peer is alive. It is a round trip (returned, and reported to the metrics) only when it
     * repeats the nonce of the last ping written, and only once: an unsolicited pong (RFC 6455 allows them), a
     * replayed or a forged one never feeds the round-trip metric. Otherwise -1.
     */
    long pong(ByteBuffer payload) {
        heard();
        long nonce = pingNonce;
        if (nonce == 0 || payload == null || payload.remaining() != Long.BYTES
                || payload.getLong(payload.position()) != nonce) {
            return -1;
        }
        long sentNanos = pingSentNanos;
        if (!PING_NONCE.compareAndSet(this, nonce, 0L)) {
            return -1; // answered already, or a newer ping was written meanwhile
        }
        long rtt = System.nanoTime() - sentNanos;
        listener.pong(rtt);
        return rtt;
    }

    /** Marks the connection closed for senders (the socket closed or is closing). */
    void markClosed(int code) {
        if (closed.compareAndSet(false, true)) {
            closeCode = code;
        }
        queue.clear();
        queued.set(0);
        queuedBytes.set(0);
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
        boolean graceful = code == CloseReason.CloseCodes.NORMAL_CLOSURE.getCode()
                || code == CloseReason.CloseCodes.GOING_AWAY.getCode();
        if (graceful && !closed.get() && (sending.get() || !queue.isEmpty())) {
            // what is already queued (the last responses of a drain) is written first, then the close frame; new
            // messages are refused meanwhile, and the close timeout still bounds it all
            if (closing.compareAndSet(false, true)) {
                closeCode = code; // what the close timeout closes with, should the queue never empty
                queued.incrementAndGet();
                queue.add(new Closing(code, reason));
                releaseIfNotClosedInTime();
                handOff();
            }
            return;
        }
        closeNow(code, reason);
    }

    private void closeNow(int code, String reason) {
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
            releaseIfNotClosedInTime();
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            closing.run();
        }
    }

    /** The socket is closing: unless the container reports it closed within the close timeout, release it then. */
    void releaseIfNotClosedInTime() {
        if (closeTimeoutMs > 0 && !released.get()) {
            try {
                java.util.concurrent.Future<?> old = closeTimeout;
                closeTimeout = closer.schedule(this::closeTimedOut, closeTimeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (old != null) {
                    old.cancel(false);
                }
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                // the application stops: the drain closes every connection
            }
        }
    }

    /** The close handshake did not end in time: the slot is given back, and the socket closed again. */
    private void closeTimedOut() {
        if (released.get()) {
            return;
        }
        dev.mcpws.diagnostics.Messages.CLOSE_TIMED_OUT.log(LOG, null, id, closeTimeoutMs);
        release();
        try {
            if (ws.isOpen()) {
                ws.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(closeCode), "close timeout"));
            }
        } catch (IOException | IllegalStateException e) {
            dev.mcpws.diagnostics.Messages.CLOSE_FAILED.log(LOG, e, id);
        }
    }
}

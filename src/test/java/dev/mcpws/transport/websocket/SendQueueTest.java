package dev.mcpws.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.protocol.JsonRpcResult;
import dev.mcpws.protocol.RequestId;
import dev.mcpws.transport.TransportListener;
import jakarta.json.Json;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-socket send queue against a stand-in {@link Session} (only the calls the queue makes): bounded in bytes,
 * a peer that reads steadily is never taken for one that stopped reading, and only a pong with the nonce of the last
 * ping is a round trip.
 */
class SendQueueTest {

    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor();
    private final java.util.concurrent.ExecutorService writer = Executors.newCachedThreadPool();
    private final List<Long> rtts = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        closer.shutdownNow();
        writer.shutdownNow();
    }

    private StandInSession peer;

    private WebSocketConnection connection(boolean reads, int maxMessages, long maxBytes) {
        peer = new StandInSession(reads);
        TransportListener listener = new TransportListener() {
            @Override
            public void pong(long rttNanos) {
                rtts.add(rttNanos);
            }
        };
        return new WebSocketConnection(peer.session, maxMessages, maxBytes, listener, closer, writer);
    }

    private static JsonRpcResult message(int n, int size) {
        return new JsonRpcResult(RequestId.of(n), Json.createObjectBuilder().add("text", "x".repeat(size)).build());
    }

    @Test
    void aPeerThatReadsSteadilyIsNeverClosedForTheNumberOfMessagesItPipelines() throws InterruptedException {
        WebSocketConnection c = connection(true, 2, 1 << 20);
        for (int i = 0; i < 10_000; i++) {
            c.respond(message(i, 10));
        }
        assertFalse(c.isClosed());
        assertEquals(10_000, peer.written.size(), "every answer written, on this thread");
        assertNull(peer.closes.poll(200, TimeUnit.MILLISECONDS), "no close was started");
    }

    @Test
    void aPeerThatStopsReadingIsClosedWhenTheBytesWaitingPassTheBound() throws InterruptedException {
        WebSocketConnection c = connection(false, 1000, 50_000);
        // one message larger than the bound: written (by the thread that answers, which blocks: the peer does not read)
        Thread answering = new Thread(() -> c.respond(message(0, 100_000)));
        answering.start();
        assertTrue(peer.writing.tryAcquire(5, TimeUnit.SECONDS), "the write started");
        assertFalse(c.isClosed(), "one message alone is always accepted");
        int sent = 0;
        while (!c.isClosed() && sent < 100) {
            c.respond(message(++sent, 10_000));
        }
        assertTrue(c.isClosed());
        assertEquals(5, sent, "closed by the message that passed 50,000 bytes waiting, not by the message count");
        CloseReason close = peer.closes.poll(5, TimeUnit.SECONDS);
        assertEquals(1013, close.getCloseCode().getCode());
        answering.join(5000);
        assertFalse(answering.isAlive(), "the close ended the blocked write");
    }

    @Test
    void aMessageOfNoRequestIsWrittenByAWriteThreadNeverByTheThreadThatProducedIt() throws InterruptedException {
        WebSocketConnection c = connection(false, 1000, 1 << 20);
        c.send(message(1, 10)); // e.g. a subscription's fan-out thread: it must not wait for this peer
        assertTrue(peer.writing.tryAcquire(5, TimeUnit.SECONDS), "a write thread writes it");
        assertTrue(peer.written.isEmpty(), "and waits for the peer, not this thread");
        c.respond(message(2, 10)); // the socket's own thread does not wait either: a send is in progress
        peer.peerReads();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (peer.written.size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(2, peer.written.size(), "both written, in order, by the write thread");
        assertTrue(peer.written.get(0).contains("\"id\":1") && peer.written.get(1).contains("\"id\":2"));
    }

    @Test
    void aListensNotificationFromAnotherThreadIsWrittenByAWriteThreadLikeAMessageOfNoRequest()
            throws InterruptedException {
        WebSocketConnection c = connection(false, 1000, 1 << 20);
        // a task's change or a resource update fanned out to every listen: the changing thread must not wait here
        c.notifyDetached(new dev.mcpws.protocol.JsonRpcNotification("notifications/tasks",
                Json.createObjectBuilder().add("taskId", "t").build()));
        assertTrue(peer.writing.tryAcquire(5, TimeUnit.SECONDS), "a write thread writes it");
        assertTrue(peer.written.isEmpty(), "the peer does not read: the write thread waits, not this one");
        peer.peerReads();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (peer.written.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(peer.written.get(0).contains("notifications/tasks"));
    }

    @Test
    void aSendInProgressForLongerThanTheTimeoutClosesTheSocketWith1013() throws InterruptedException {
        WebSocketConnection c = connection(false, 1000, 1 << 20);
        c.send(message(1, 10));
        assertTrue(peer.writing.tryAcquire(5, TimeUnit.SECONDS));
        long now = System.nanoTime();
        assertFalse(c.sendingLongerThan(TimeUnit.SECONDS.toNanos(60), now), "not yet");
        assertTrue(c.sendingLongerThan(0, now + 1), "in progress");
        c.sendTimedOut(2000);
        assertEquals(1013, peer.closes.poll(5, TimeUnit.SECONDS).getCloseCode().getCode());
        assertEquals(1013, c.closeCode());
    }

    @Test
    void onlyAPongWithTheLastPingsNonceIsARoundTripAndOnlyOnce() {
        WebSocketConnection c = connection(true, 10, 1 << 20);
        c.heartbeat(5);
        assertEquals(1, peer.pings.size());
        ByteBuffer ping = peer.pings.get(0);
        long nonce = ping.getLong(0);
        assertEquals(-1, c.pong(ByteBuffer.allocate(8).putLong(0, nonce + 1)), "another payload");
        assertEquals(-1, c.pong(ByteBuffer.allocate(4)), "another length");
        assertTrue(c.pong(ByteBuffer.allocate(8).putLong(0, nonce)) >= 0, "the answer");
        assertEquals(-1, c.pong(ByteBuffer.allocate(8).putLong(0, nonce)), "the answer replayed");
        assertEquals(1, rtts.size());
    }

    @Test
    void aCloseThePeerNeverAnswersIsReleasedAfterTheTimeout() throws InterruptedException {
        WebSocketConnection c = connection(true, 10, 1 << 20);
        AtomicLong released = new AtomicLong();
        LinkedBlockingQueue<Boolean> signal = new LinkedBlockingQueue<>();
        c.onRelease(() -> {
            released.incrementAndGet();
            signal.add(true);
        }, 50);
        c.close(1003, "binary");
        assertEquals(Boolean.TRUE, signal.poll(5, TimeUnit.SECONDS), "released without the container's close event");
        c.release(); // the container's close event, late: nothing more
        assertEquals(1, released.get());
    }
}

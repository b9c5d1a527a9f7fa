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
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
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
    private final LinkedBlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();
    private final List<ByteBuffer> pings = new CopyOnWriteArrayList<>();
    private final List<Long> rtts = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        closer.shutdownNow();
    }

    /** A session whose writes complete at once ({@code reads}) or never (a peer that stopped reading). */
    private Session session(boolean reads) {
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (p, m, a) -> {
                    if (m.getName().equals("sendText") && reads) {
                        ((SendHandler) a[1]).onResult(new SendResult());
                    } else if (m.getName().equals("sendPing")) {
                        pings.add((ByteBuffer) a[0]);
                    }
                    return null;
                });
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class}, (p, m, a) ->
                switch (m.getName()) {
                    case "getAsyncRemote" -> remote;
                    case "isOpen" -> true;
                    case "close" -> {
                        closes.add(a == null ? new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "") : (CloseReason) a[0]);
                        yield null;
                    }
                    default -> null;
                });
    }

    private WebSocketConnection connection(boolean reads, int maxMessages, long maxBytes) {
        TransportListener listener = new TransportListener() {
            @Override
            public void pong(long rttNanos) {
                rtts.add(rttNanos);
            }
        };
        return new WebSocketConnection(session(reads), maxMessages, maxBytes, listener, closer);
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
        assertNull(closes.poll(200, TimeUnit.MILLISECONDS), "no close was started");
    }

    @Test
    void aPeerThatStopsReadingIsClosedWhenTheBytesWaitingPassTheBound() throws InterruptedException {
        WebSocketConnection c = connection(false, 1000, 50_000);
        c.respond(message(0, 100_000)); // one message larger than the bound: sent (it is in progress, never completes)
        assertFalse(c.isClosed(), "one message alone is always accepted");
        int sent = 0;
        while (!c.isClosed() && sent < 100) {
            c.respond(message(++sent, 10_000));
        }
        assertTrue(c.isClosed());
        assertEquals(5, sent, "closed by the message that passed 50,000 bytes waiting, not by the message count");
        CloseReason close = closes.poll(5, TimeUnit.SECONDS);
        assertEquals(1013, close.getCloseCode().getCode());
    }

    @Test
    void onlyAPongWithTheLastPingsNonceIsARoundTripAndOnlyOnce() {
        WebSocketConnection c = connection(true, 10, 1 << 20);
        c.heartbeat(5);
        assertEquals(1, pings.size());
        ByteBuffer ping = pings.get(0);
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

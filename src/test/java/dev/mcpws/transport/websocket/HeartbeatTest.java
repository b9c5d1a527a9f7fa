package dev.mcpws.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.transport.TransportListener;
import dev.mcpws.transport.websocket.WebSocketConnection.Turn;
import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat without a container or a clock: the wheel that spreads the sockets' turns over the interval, and what
 * one socket's turn does (ping, skip a peer heard from, close after max-missed). Turns are called directly, so every
 * step is deterministic.
 */
class HeartbeatTest {

    private static final int MAX_MISSED = 2;

    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor();
    private final java.util.concurrent.ExecutorService writer = Executors.newCachedThreadPool();
    private final StandInSession peer = new StandInSession(true);
    private final LinkedBlockingQueue<CloseReason> closes = peer.closes;
    private final List<ByteBuffer> pings = peer.pings;
    private final List<Long> rtts = new CopyOnWriteArrayList<>();
    private final AtomicInteger missed = new AtomicInteger();

    @AfterEach
    void stop() {
        closer.shutdownNow();
        writer.shutdownNow();
    }

    // ------------------------------------------------------------------ the wheel

    @Test
    void everyItemHasExactlyOneTurnPerRevolutionAndATickTakesOnlyItsShare() {
        HeartbeatWheel<Integer> wheel = new HeartbeatWheel<>(250);
        for (int i = 0; i < 10_000; i++) {
            wheel.add(i); // all at once, as after a restart: still spread evenly
        }
        Map<Integer, Integer> turns = new HashMap<>();
        for (int tick = 0; tick < 2 * 250; tick++) {
            int inTick = 0;
            for (int item : wheel.advance()) {
                turns.merge(item, 1, Integer::sum);
                inTick++;
            }
            assertEquals(40, inTick, "tick " + tick + " takes 1/250 of the sockets, not a burst of all");
        }
        assertEquals(10_000, turns.size());
        assertTrue(turns.values().stream().allMatch(n -> n == 2), "one turn per revolution each");
        assertEquals(10_000, wheel.size());
    }

    @Test
    void aRemovedItemHasNoMoreTurns() {
        HeartbeatWheel<String> wheel = new HeartbeatWheel<>(3);
        int a = wheel.add("a");
        wheel.add("b");
        wheel.add("c");
        wheel.remove("a", a);
        List<String> seen = new ArrayList<>();
        for (int tick = 0; tick < 3; tick++) {
            wheel.advance().forEach(seen::add);
        }
        assertEquals(List.of("b", "c"), seen);
        assertEquals(2, wheel.size());
    }

    @Test
    void slotsAndTicksFollowTheInterval() {
        assertEquals(25, HeartbeatWheel.slotsFor(25_000)); // default: a tick every second
        assertEquals(1_000_000, HeartbeatWheel.tickMicros(25_000, 25));
        assertEquals(5, HeartbeatWheel.slotsFor(5_000));
        assertEquals(1, HeartbeatWheel.slotsFor(300)); // shorter than a tick: one slot, a tick per interval
        assertEquals(300_000, HeartbeatWheel.tickMicros(300, 1));
        assertEquals(512, HeartbeatWheel.slotsFor(3_600_000)); // long intervals: bounded slots
        assertEquals(7_031_250, HeartbeatWheel.tickMicros(3_600_000, 512));
        assertThrows(IllegalArgumentException.class, () -> new HeartbeatWheel<>(0));
    }

    // ------------------------------------------------------------------ one socket's turn

    @Test
    void aSilentPeerIsPingedAtEachTurnAndClosedWith4000AfterMaxMissedPings() throws InterruptedException {
        WebSocketConnection c = connection();
        assertEquals(Turn.PINGED, c.heartbeat(MAX_MISSED));
        assertEquals(Turn.PINGED, c.heartbeat(MAX_MISSED));
        assertEquals(1, missed.get(), "the first ping went unanswered for a whole interval");
        assertEquals(2, pings.size());
        assertEquals(Turn.CLOSED, c.heartbeat(MAX_MISSED));
        CloseReason close = closes.poll(10, TimeUnit.SECONDS);
        assertNotNull(close);
        assertEquals(4000, close.getCloseCode().getCode());
        assertEquals(Turn.NONE, c.heartbeat(MAX_MISSED));
        assertEquals(2, pings.size(), "no ping after the close");
    }

    @Test
    void aPeerHeardFromSinceItsLastTurnIsNotPingedAndAPeerThatFallsSilentIsClosedAsAnyOther() throws InterruptedException {
        WebSocketConnection c = connection();
        assertEquals(Turn.PINGED, c.heartbeat(MAX_MISSED)); // silent since it opened: pinged
        for (int turn = 0; turn < 5; turn++) {
            c.heard(); // a message (the endpoint calls heard() for every part of one)
            assertEquals(Turn.ALIVE, c.heartbeat(MAX_MISSED));
        }
        assertEquals(1, pings.size(), "a peer that talks is not pinged");
        assertEquals(0, missed.get(), "the ping it never answered does not count: it spoke since");
        // it falls silent: pinged again, then closed after max-missed pings in a row
        assertEquals(Turn.PINGED, c.heartbeat(MAX_MISSED));
        assertEquals(Turn.PINGED, c.heartbeat(MAX_MISSED));
        assertEquals(Turn.CLOSED, c.heartbeat(MAX_MISSED));
        assertEquals(4000, closes.poll(10, TimeUnit.SECONDS).getCloseCode().getCode());
    }

    @Test
    void anIdlePeerThatAnswersEveryPingIsPingedEveryOtherTurnAndKept() {
        WebSocketConnection c = connection();
        int pinged = 0;
        for (int turn = 0; turn < 100; turn++) {
            Turn t = c.heartbeat(MAX_MISSED);
            if (t == Turn.PINGED) {
                pinged++;
                ByteBuffer ping = pings.get(pings.size() - 1);
                assertTrue(c.pong(ping.duplicate()) >= 0, "the answer to the ping is a round trip");
            } else {
                assertEquals(Turn.ALIVE, t, "its pong proved it alive at this turn");
            }
        }
        assertEquals(50, pinged, "the pong of one turn spares the next");
        assertEquals(50, rtts.size());
        assertEquals(0, missed.get());
        assertFalse(c.isClosed());
    }

    @Test
    void aForgedOrUnsolicitedPongIsASignOfLifeButNeverARoundTrip() {
        WebSocketConnection c = connection();
        assertEquals(Turn.PINGED, c.heartbeat(MAX_MISSED));
        ByteBuffer sent = pings.get(0);
        ByteBuffer forged = ByteBuffer.allocate(Long.BYTES).putLong(0, sent.getLong(0) + 1);
        assertEquals(-1, c.pong(forged));
        assertEquals(-1, c.pong(ByteBuffer.allocate(3)));
        assertEquals(-1, c.pong(null));
        assertTrue(rtts.isEmpty(), "no round trip from a pong that does not repeat the nonce");
        assertEquals(Turn.ALIVE, c.heartbeat(MAX_MISSED), "any pong is a sign of life");
        assertTrue(c.pong(sent.duplicate()) >= 0, "the real answer, even late, is a round trip");
        assertEquals(-1, c.pong(sent.duplicate()), "once");
        assertEquals(1, rtts.size());
    }

    @Test
    void aPingWaitsBehindAMessageBeingSentAndIsWrittenAtOnceOnAnIdleSocket() throws InterruptedException {
        StandInSession slow = new StandInSession(false);
        WebSocketConnection c = new WebSocketConnection(slow.session, 100, 1 << 20, new TransportListener() { }, closer, writer);
        c.send(new dev.mcpws.protocol.JsonRpcResult(dev.mcpws.protocol.RequestId.of(1),
                jakarta.json.Json.createObjectBuilder().build()));
        assertTrue(slow.writing.tryAcquire(5, TimeUnit.SECONDS), "the message is being written");
        assertEquals(Turn.PINGED, c.heartbeat(MAX_MISSED));
        assertTrue(slow.pings.isEmpty(), "one send at a time: the ping waits for the message");
        slow.peerReads();
        assertTrue(slow.pinged.tryAcquire(5, TimeUnit.SECONDS), "written once the message was (by the write thread)");
        assertEquals(1, slow.written.size());
        assertTrue(c.pong(slow.pings.get(0).duplicate()) >= 0);
        assertEquals(Turn.ALIVE, c.heartbeat(MAX_MISSED));
        assertEquals(Turn.PINGED, c.heartbeat(MAX_MISSED));
        // at once on this thread, or by the write thread if it had not yet given the send up
        assertTrue(slow.pinged.tryAcquire(5, TimeUnit.SECONDS), "the next ping is written");
        assertEquals(2, slow.pings.size());
    }

    @Test
    void noncesDoNotRepeatAcrossBatches() {
        Nonces nonces = new Nonces();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 3 * Nonces.BATCH + 5; i++) {
            assertTrue(seen.add(nonces.next()), "nonce " + i + " repeated");
        }
    }

    // ------------------------------------------------------------------ stand-ins

    private WebSocketConnection connection() {
        TransportListener listener = new TransportListener() {
            @Override
            public void pong(long rttNanos) {
                rtts.add(rttNanos);
            }

            @Override
            public void missedPong() {
                missed.incrementAndGet();
            }
        };
        return new WebSocketConnection(peer.session, 100, 1 << 20, listener, closer, writer);
    }
}

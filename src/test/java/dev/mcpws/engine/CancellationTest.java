package dev.mcpws.engine;

import static dev.mcpws.engine.EngineHarness.TIMEOUT_MS;
import static dev.mcpws.engine.EngineHarness.cancel;
import static dev.mcpws.engine.EngineHarness.modernParams;
import static dev.mcpws.engine.EngineHarness.request;
import static dev.mcpws.engine.EngineHarness.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.engine.TestFeature.Observation;
import jakarta.json.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** notifications/cancelled, duplicate ids, and closing a session with work in flight. */
class CancellationTest {

    private final TestFeature feature = new TestFeature();
    private EngineHarness h;

    @BeforeEach
    void start() {
        h = new EngineHarness(List.of(feature));
        h.initialize("2025-11-25");
    }

    @AfterEach
    void stop() {
        feature.release.countDown();
        h.close();
    }

    private void awaitBlocked(int n) throws InterruptedException {
        assertTrue(feature.blockStarted.tryAcquire(n, TIMEOUT_MS, TimeUnit.MILLISECONDS), "test/block did not start");
    }

    private Observation nextObservation() throws InterruptedException {
        Observation o = feature.observations.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertNotNull(o, "test/block did not stop");
        return o;
    }

    @Test
    void cancelledRequestGetsNoResponseAndItsHandlerSeesCancellationAndInterrupt() throws InterruptedException {
        h.send(request(10, "test/block", null));
        awaitBlocked(1);
        assertEquals(1, h.session.inFlightCount());

        h.send(cancel(10));

        assertEquals(new Observation("10", true, true, "test cancel"), nextObservation());
        h.awaitIdle();
        h.connection.assertNoUnread();
        EngineHarness.assertNothingInFlight(h.session);
    }

    @Test
    void cancelledModernRequestGetsNoResponse() throws InterruptedException {
        h.send(request("m", "test/block", modernParams()));
        awaitBlocked(1);
        h.send(cancel("m"));
        assertEquals(new Observation("\"m\"", true, true, "test cancel"), nextObservation());
        h.awaitIdle();
        h.connection.assertNoUnread();
    }

    @Test
    void onlyTheNamedRequestIsCancelled() throws InterruptedException {
        h.send(request(1, "test/block", null));
        h.send(request(2, "test/block", null));
        awaitBlocked(2);
        h.send(cancel("1")); // a string id: not request 1
        h.send(cancel(99));  // unknown: ignored
        h.send(cancel(2));
        assertEquals(new Observation("2", true, true, "test cancel"), nextObservation());
        assertEquals(1, h.session.inFlightCount());
        feature.release.countDown();
        assertEquals(text("{'jsonrpc':'2.0','id':1,'result':{'blocked':'done'}}"), h.connection.next());
        assertEquals(new Observation("1", false, false, null), nextObservation());
        h.awaitIdle();
        h.connection.assertNoUnread();
    }

    @Test
    void cancelAfterTheResponseChangesNothing() {
        assertEquals(text("{'jsonrpc':'2.0','id':3,'result':{'echo':{}}}"), h.exchange(request(3, "test/echo", null)));
        h.send(cancel(3));
        assertEquals(text("{'jsonrpc':'2.0','id':4,'result':{}}"), h.exchange(request(4, "ping", null)));
        h.connection.assertNoUnread();
    }

    @Test
    void aCancelledIdCanBeUsedAgain() throws InterruptedException {
        h.send(request(5, "test/block", null));
        awaitBlocked(1);
        h.send(cancel(5));
        nextObservation();
        assertEquals(text("{'jsonrpc':'2.0','id':5,'result':{'echo':{'again':true}}}"),
                h.exchange(request(5, "test/echo", Json.createObjectBuilder().add("again", true))));
    }

    @Test
    void duplicateInFlightIdIsRejected() throws InterruptedException {
        h.send(request(7, "test/block", null));
        awaitBlocked(1);
        assertEquals(text("{'jsonrpc':'2.0','id':7,'error':{'code':-32005,"
                        + "'message':'Request id 7 is already in flight on this connection'}}"),
                h.exchange(request(7, "test/echo", null)));
        // the same id as a string is a different id
        assertEquals(text("{'jsonrpc':'2.0','id':'7','result':{'echo':{}}}"), h.exchange(request("7", "test/echo", null)));
        feature.release.countDown();
        assertEquals(text("{'jsonrpc':'2.0','id':7,'result':{'blocked':'done'}}"), h.connection.next());
        // once answered, the id is free again (it leaves the in-flight map just after its answer is queued)
        EngineHarness.assertNothingInFlight(h.session);
        assertEquals(text("{'jsonrpc':'2.0','id':7,'result':{'echo':{}}}"), h.exchange(request(7, "test/echo", null)));
    }

    @Test
    void duplicateIdAcrossErasIsRejectedToo() throws InterruptedException {
        h.send(request("d", "test/block", null));
        awaitBlocked(1);
        assertEquals(-32005, h.call(request("d", "test/echo", modernParams())).getJsonObject("error").getInt("code"));
    }

    @Test
    void closingTheSessionCancelsWorkAndRunsCloseListeners() throws InterruptedException {
        List<String> ran = new CopyOnWriteArrayList<>();
        h.session.onClose(() -> ran.add("first"));
        h.session.onClose(() -> {
            throw new IllegalStateException("a failing listener does not stop the others");
        });
        h.session.onClose(() -> ran.add("second"));
        h.send(request(1, "test/block", null));
        h.send(request(2, "test/block", modernParams()));
        awaitBlocked(2);

        try (LogCapture logs = new LogCapture()) {
            h.engine.onClose(h.session);
            assertEquals(List.of("MCPWS0101W: a session close listener failed | "
                    + "a failing listener does not stop the others"), logs.messages(java.util.logging.Level.WARNING));
        }

        Set<Observation> seen = new HashSet<>(List.of(nextObservation(), nextObservation()));
        assertEquals(Set.of(new Observation("1", true, true, "connection closed"),
                new Observation("2", true, true, "connection closed")), seen);
        assertEquals(List.of("first", "second"), ran);
        assertTrue(h.session.isClosed());
        assertFalse(h.engine.sessions().contains(h.session));
        EngineHarness.assertNothingInFlight(h.session);

        // closing twice runs nothing twice; a listener added after the close runs at once
        h.engine.onClose(h.session);
        assertEquals(List.of("first", "second"), ran);
        h.session.onClose(() -> ran.add("late"));
        assertEquals(List.of("first", "second", "late"), ran);

        // nothing is sent on a closed session
        h.session.send(new dev.mcpws.protocol.JsonRpcNotification("x", null));
        h.awaitIdle();
        h.connection.assertNoUnread();
    }

    @Test
    void cancellationRacesWithCompletionButExactlyOneWins() throws InterruptedException {
        // many fast requests, each cancelled right away: each gets a response or nothing, never both, never twice
        int n = 200;
        for (int i = 0; i < n; i++) {
            h.send(request(1000 + i, "test/echo", null));
            h.send(cancel(1000 + i));
        }
        h.awaitIdle();
        List<String> sent = h.connection.sent();
        Set<Integer> answered = new HashSet<>();
        for (String s : sent.subList(1, sent.size())) { // the first message is the initialize response
            int id = ((jakarta.json.JsonObject) EngineHarness.parse(s)).getInt("id");
            assertTrue(answered.add(id), "answered twice: " + id);
        }
        EngineHarness.assertNothingInFlight(h.session);
    }
}

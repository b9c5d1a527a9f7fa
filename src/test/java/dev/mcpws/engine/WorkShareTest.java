package dev.mcpws.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.protocol.JsonRpcCodec;
import dev.mcpws.protocol.JsonRpcMessage;
import jakarta.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fairness between connections: one connection's slow requests occupy at most its share of the worker pool
 * ({@code mcp.limits.max-running-per-connection}); the rest wait in its own queue, so another connection's request is
 * served while they block, and every waiting request still runs (or, cancelled while waiting, never does).
 */
class WorkShareTest {

    private final TestFeature feature = new TestFeature();
    private EngineHarness h;

    @AfterEach
    void close() {
        feature.release.countDown();
        if (h != null) {
            h.close();
        }
    }

    private void start(int share) {
        // a pool of 4 workers, like Liberty's default executor on 2 CPUs
        h = new EngineHarness(List.of(feature), new EngineSettings(30_000, "public", 256, 0, 256, 1000, share));
        h.initialize("2025-11-25");
    }

    private static void send(EngineHarness harness, McpSession session, EngineHarness.RecordingConnection c,
                             JsonObject message) {
        JsonRpcMessage m = JsonRpcCodec.decode(JsonRpcCodec.toText(message));
        harness.engine.onMessage(session, m, c.channelFor(m));
    }

    @Test
    void aConnectionThatBlocksItsShareDoesNotDelayAnother() throws Exception {
        start(2);
        for (int i = 1; i <= 10; i++) {
            h.send(EngineHarness.request(i, "test/block", null));
        }
        assertTrue(feature.blockStarted.tryAcquire(2, EngineHarness.TIMEOUT_MS, TimeUnit.MILLISECONDS),
                "two of the ten started");

        EngineHarness.RecordingConnection other = new EngineHarness.RecordingConnection("conn-2");
        McpSession b = h.engine.open(other);
        send(h, b, other, EngineHarness.request(0, "initialize", jakarta.json.Json.createObjectBuilder()
                .add("protocolVersion", "2025-11-25").add("capabilities", jakarta.json.JsonValue.EMPTY_JSON_OBJECT)
                .add("clientInfo", jakarta.json.Json.createObjectBuilder().add("name", "b").add("version", "1"))));
        other.next();
        send(h, b, other, EngineHarness.request(7, "test/echo", jakarta.json.Json.createObjectBuilder().add("x", 1)));
        JsonObject answer = other.nextObject();
        assertTrue(answer.containsKey("result"), "served while the first connection's ten block: " + answer);

        assertEquals(0, feature.blockStarted.availablePermits(), "no third request of the first connection started");
        assertEquals(8, h.session.workShare(2).waiting(), "the other eight wait in their connection's queue");

        feature.release.countDown();
        Set<Long> answered = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            answered.add(h.connection.nextObject().getJsonNumber("id").longValue());
        }
        assertEquals(10, answered.size(), "every waiting request ran once released");
        assertEquals(0, h.session.workShare(2).waiting());
        EngineHarness.assertNothingInFlight(h.session);
    }

    @Test
    void aRequestCancelledWhileWaitingNeverRunsAndFreesNothingTwice() throws Exception {
        start(1);
        h.send(EngineHarness.request(1, "test/block", null));
        h.send(EngineHarness.request(2, "test/block", null));
        h.send(EngineHarness.request(3, "test/echo", jakarta.json.Json.createObjectBuilder().add("x", 3)));
        assertTrue(feature.blockStarted.tryAcquire(1, EngineHarness.TIMEOUT_MS, TimeUnit.MILLISECONDS));
        assertEquals(2, h.session.workShare(1).waiting());
        h.send(EngineHarness.cancel(2));
        feature.release.countDown();

        JsonObject first = h.connection.nextObject();
        JsonObject second = h.connection.nextObject();
        assertEquals(1, first.getInt("id"));
        assertEquals(3, second.getInt("id"), "the cancelled one is skipped, the next runs");
        h.awaitIdle();
        assertFalse(feature.observations.stream().anyMatch(o -> o.id().equals("2")), "request 2 never ran");
        EngineHarness.assertNothingInFlight(h.session);
        assertEquals(0, h.session.workShare(1).waiting());
    }

    @Test
    void aWaitingRequestThatFindsThePoolShutDownIsAnswered() throws Exception {
        start(1);
        h.send(EngineHarness.request(1, "test/block", null));
        h.send(EngineHarness.request(2, "test/echo", jakarta.json.Json.createObjectBuilder().add("x", 2)));
        assertTrue(feature.blockStarted.tryAcquire(1, EngineHarness.TIMEOUT_MS, TimeUnit.MILLISECONDS));
        assertEquals(1, h.session.workShare(1).waiting());
        h.executor.shutdown();
        feature.release.countDown();
        assertEquals(1, h.connection.nextObject().getInt("id"));
        JsonObject refused = h.connection.nextObject();
        assertEquals(2, refused.getInt("id"));
        assertEquals(-32004, refused.getJsonObject("error").getInt("code"));
        EngineHarness.assertNothingInFlight(h.session);
    }

    @Test
    void theShareIsAtLeastOne() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new EngineSettings(0, "public", 1, 0, 1, 0, 0));
        assertTrue(EngineSettings.DEFAULT_MAX_RUNNING_PER_CONNECTION >= 2);
    }
}

package dev.mcpws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcNotification;
import dev.mcpws.protocol.JsonRpcRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestTableTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final WireRecorder wire = new WireRecorder();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private RequestTable table(Duration timeout) {
        return new RequestTable(wire, scheduler, p -> p.params, timeout);
    }

    private static JsonObject uri(String uri) {
        return Json2.object().add("uri", uri).build();
    }

    @Test
    void aSentRequestThatTimesOutFailsAndIsCancelledAtTheServer() throws Exception {
        RequestTable t = table(Duration.ofMillis(100));
        t.markReady();
        McpFuture<JsonObject> f = t.request("resources/read", uri("a://1"));
        JsonRpcRequest sent = wire.nextRequest();

        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        assertInstanceOf(RequestTimeoutException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("within 100 ms"), e.getCause().getMessage());
        JsonRpcNotification cancel = wire.nextNotification();
        assertEquals("notifications/cancelled", cancel.method());
        assertEquals(Json2.idValue(sent.id()), cancel.params().get("requestId"));
        assertEquals("timeout", cancel.params().getString("reason"));
        assertNull(t.answered(sent.id()), "forgotten: a late answer is ignored");
    }

    @Test
    void aRequestWaitingForTheSessionTimesOutWithoutTellingTheServer() throws Exception {
        RequestTable t = table(Duration.ofMillis(100));
        McpFuture<JsonObject> f = t.request("tools/list", JsonValue.EMPTY_JSON_OBJECT);
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        assertInstanceOf(RequestTimeoutException.class, e.getCause());
        assertEquals(List.of(), t.markReady(), "no longer waiting");
        assertTrue(wire.sent.isEmpty(), "never sent, nothing to cancel: " + wire.sent);
    }

    @Test
    void anAnswerCompletesTheFutureThroughTheMapperAndStopsTheClock() throws Exception {
        RequestTable t = table(Duration.ofMillis(300));
        t.markReady();
        McpFuture<String> f = t.request("resources/read", uri("a://1"), r -> r.getString("text"), null);
        JsonRpcRequest sent = wire.nextRequest();
        PendingRequest<?> p = t.answered(sent.id());
        t.complete(p, Json2.object().add("text", "hello").build());
        assertEquals("hello", f.get(5, TimeUnit.SECONDS));
        assertTrue(p.timer.isCancelled(), "the clock stopped: no timeout, no cancellation later");
    }

    @Test
    void requestsWaitUntilTheSessionIsReadyHandshakesDoNot() throws Exception {
        RequestTable t = table(Duration.ZERO);
        t.request("tools/list", JsonValue.EMPTY_JSON_OBJECT);
        PendingRequest<JsonObject> hello = PendingRequest.handshake("initialize", JsonValue.EMPTY_JSON_OBJECT);
        t.start(hello, Duration.ZERO);
        assertEquals("initialize", wire.nextRequest().method());
        assertTrue(wire.sent.isEmpty());
        List<PendingRequest<?>> waiting = t.markReady();
        assertEquals(1, waiting.size());
        t.sendAll(waiting);
        assertEquals("tools/list", wire.nextRequest().method());
    }

    @Test
    void aDropRequeuesWhatMayBeRepeatedAndFailsTheRestAsOutcomeUnknown() throws Exception {
        RequestTable t = table(Duration.ZERO);
        t.markReady();
        McpFuture<JsonObject> read = t.request("resources/read", uri("a://1"));
        McpFuture<JsonObject> write = t.request("tools/call", Json2.object().add("name", "delete").build());
        PendingRequest<JsonObject> listen = PendingRequest.listen(JsonValue.EMPTY_JSON_OBJECT);
        t.start(listen, null);
        JsonRpcRequest firstRead = wire.nextRequest();
        wire.nextRequest();
        wire.nextRequest();

        t.connectionLost(p -> !"tools/call".equals(p.method), 1006, "gone");

        ExecutionException lost = assertThrows(ExecutionException.class, () -> write.get(5, TimeUnit.SECONDS));
        ConnectionLostException cle = assertInstanceOf(ConnectionLostException.class, lost.getCause());
        assertTrue(cle.outcomeUnknown());
        assertEquals("tools/call", cle.method());
        assertTrue(cle.getMessage().contains("1006 gone"), cle.getMessage());
        assertTrue(listen.future.isCompletedExceptionally(), "a listen belongs to its session");
        assertFalse(read.isDone());
        assertFalse(t.ready());

        List<PendingRequest<?>> again = t.markReady();
        assertEquals(1, again.size());
        t.sendAll(again);
        JsonRpcRequest replayed = wire.nextRequest();
        assertEquals("resources/read", replayed.method());
        assertNotEquals(firstRead.id(), replayed.id(), "a replay gets a fresh id");
        t.complete(t.answered(replayed.id()), JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, read.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aRequestTheSocketDidNotTakeWaitsForTheNextSession() throws Exception {
        RequestTable t = table(Duration.ZERO);
        t.markReady();
        wire.open = false;
        McpFuture<JsonObject> f = t.request("tools/call", Json2.object().add("name", "delete").build());
        t.connectionLost(p -> false, 1006, "gone"); // never sent, so not "in flight": no outcome to be unsure of
        assertFalse(f.isDone());
        wire.open = true;
        t.sendAll(t.markReady());
        assertEquals("tools/call", wire.nextRequest().method());
    }

    @Test
    void cancellingSendsNotificationsCancelled() throws Exception {
        RequestTable t = table(Duration.ZERO);
        t.markReady();
        McpFuture<JsonObject> f = t.request("tools/call", Json2.object().add("name", "slow").build());
        JsonRpcRequest sent = wire.nextRequest();
        assertTrue(f.cancel(false));
        JsonRpcNotification cancel = wire.nextNotification();
        assertEquals(Json2.idValue(sent.id()), cancel.params().get("requestId"));
        assertEquals("cancelled by the client", cancel.params().getString("reason"));
    }

    @Test
    void progressGoesToItsRequestUntilItEnds() throws Exception {
        RequestTable t = table(Duration.ZERO);
        t.markReady();
        List<ProgressUpdate> updates = new CopyOnWriteArrayList<>();
        t.request("tools/call", JsonValue.EMPTY_JSON_OBJECT, x -> x, updates::add);
        JsonRpcRequest sent = wire.nextRequest();
        PendingRequest<?> p = t.answered(sent.id());
        assertNotNull(t.progress(p.progressToken));
        t.complete(p, JsonValue.EMPTY_JSON_OBJECT);
        assertNull(t.progress(p.progressToken));
    }

    @Test
    void afterShutDownEverythingFailsAndNewRequestsToo() throws Exception {
        RequestTable t = table(Duration.ZERO);
        McpFuture<JsonObject> waiting = t.request("tools/list", JsonValue.EMPTY_JSON_OBJECT);
        assertTrue(t.shutDown(new McpClientException("bye")));
        assertFalse(t.shutDown(null), "once");
        ConnectionLostException e = assertInstanceOf(ConnectionLostException.class,
                assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS)).getCause());
        assertFalse(e.outcomeUnknown(), "never sent");
        McpFuture<JsonObject> late = t.request("tools/list", JsonValue.EMPTY_JSON_OBJECT);
        assertInstanceOf(ConnectionLostException.class,
                assertThrows(ExecutionException.class, () -> late.get(5, TimeUnit.SECONDS)).getCause());
    }
}

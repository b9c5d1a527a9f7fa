package dev.mcpws.engine;

import static dev.mcpws.engine.EngineHarness.TIMEOUT_MS;
import static dev.mcpws.engine.EngineHarness.cancel;
import static dev.mcpws.engine.EngineHarness.notification;
import static dev.mcpws.engine.EngineHarness.parse;
import static dev.mcpws.engine.EngineHarness.request;
import static dev.mcpws.engine.EngineHarness.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JSON-RPC batches: only on a 2025-03-26 connection. */
class BatchTest {

    private final TestFeature feature = new TestFeature();
    private EngineHarness h;

    @BeforeEach
    void start() {
        h = new EngineHarness(List.of(feature));
    }

    @AfterEach
    void stop() {
        feature.release.countDown();
        h.close();
    }

    private static JsonArray batch(JsonValue... members) {
        JsonArrayBuilder b = Json.createArrayBuilder();
        for (JsonValue m : members) {
            b.add(m);
        }
        return b.build();
    }

    /** The array response with its entries sorted by id (order across requests is not guaranteed). */
    private JsonArray nextBatchResponse() {
        JsonValue v = parse(h.connection.next());
        assertEquals(JsonValue.ValueType.ARRAY, v.getValueType(), () -> "not an array: " + v);
        List<JsonValue> sorted = v.asJsonArray().stream()
                .sorted(Comparator.comparing((JsonValue e) -> String.valueOf(e.asJsonObject().get("id")))).toList();
        JsonArrayBuilder b = Json.createArrayBuilder();
        sorted.forEach(b::add);
        return b.build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "2024-11-05", "2025-06-18", "2025-11-25"})
    void batchesAreRejectedOutside20250326(String version) {
        if (!version.equals("none")) {
            h.initialize(version);
        }
        assertEquals(text("{'jsonrpc':'2.0','id':null,'error':{'code':-32600,"
                        + "'message':'Invalid Request: JSON-RPC batches are only accepted in protocol version 2025-03-26'}}"),
                h.exchange(batch(request(1, "ping", null), request(2, "test/echo", null))));
        h.awaitIdle();
        h.connection.assertNoUnread(); // and none of its requests ran
    }

    @Test
    void emptyBatchIsASingleInvalidRequestError() {
        h.initialize("2025-03-26");
        h.sendText("[]");
        assertEquals(text("{'jsonrpc':'2.0','id':null,'error':{'code':-32600,'message':'Invalid Request: empty batch'}}"),
                h.connection.next());
    }

    @Test
    void oneResponseEntryPerRequestAndNoneForNotifications() {
        h.initialize("2025-03-26");
        h.send(batch(
                request(1, "test/echo", Json.createObjectBuilder().add("n", 1)),
                notification("notifications/progress", Json.createObjectBuilder().add("progressToken", 1).add("progress", 1)),
                request(2, "test/async", null),
                request(3, "ping", null),
                request(4, "test/nope", null),
                request(5, "test/mcp", Json.createObjectBuilder().add("what", "w"))));
        assertEquals(EngineHarness.json("["
                + "{'jsonrpc':'2.0','id':1,'result':{'echo':{'n':1}}},"
                + "{'jsonrpc':'2.0','id':2,'result':{'async':true}},"
                + "{'jsonrpc':'2.0','id':3,'result':{}},"
                + "{'jsonrpc':'2.0','id':4,'error':{'code':-32601,'message':'Method not found: test/nope'}},"
                + "{'jsonrpc':'2.0','id':5,'error':{'code':-32602,'message':'Bad thing: w','data':{'field':'what'}}}"
                + "]"), nextBatchResponse());
        h.awaitIdle();
        h.connection.assertNoUnread();
    }

    @Test
    void aBatchOfNotificationsGetsNoResponse() {
        h.initialize("2025-03-26");
        h.send(batch(notification("notifications/initialized", null), cancel(12345)));
        // the next message the client gets is the answer to its next request
        assertEquals(text("{'jsonrpc':'2.0','id':9,'result':{}}"), h.exchange(request(9, "ping", null)));
    }

    @Test
    void notificationsInsideABatchAreProcessed() throws InterruptedException {
        h.initialize("2025-03-26");
        h.send(request(1, "test/block", null));
        assertTrue(feature.blockStarted.tryAcquire(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        h.send(batch(cancel(1), request(2, "ping", null)));
        assertEquals(text("[{'jsonrpc':'2.0','id':2,'result':{}}]"), h.connection.next());
        assertEquals(true, feature.observations.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS).cancelled());
        h.awaitIdle();
        h.connection.assertNoUnread();
    }

    @Test
    void initializeInsideABatchIsAnErrorEntry() {
        h.initialize("2025-03-26");
        h.send(batch(request("i", "initialize", Json.createObjectBuilder().add("protocolVersion", "2025-03-26")),
                request("p", "ping", null)));
        assertEquals(EngineHarness.json("["
                + "{'jsonrpc':'2.0','id':'i','error':{'code':-32600,'message':'Invalid Request: initialize must not be part of a batch'}},"
                + "{'jsonrpc':'2.0','id':'p','result':{}}]"), nextBatchResponse());
    }

    @Test
    void invalidMembersGetTheirOwnErrorEntries() {
        h.initialize("2025-03-26");
        h.sendText(text("[1,{'jsonrpc':'2.0','id':'x','method':'ping','params':[]},{'jsonrpc':'2.0','id':'y','method':'ping'}]"));
        JsonArray response = parse(h.connection.next()).asJsonArray();
        assertEquals(3, response.size());
        assertTrue(response.contains(EngineHarness.json(
                "{'jsonrpc':'2.0','id':null,'error':{'code':-32600,'message':'Invalid Request: not a JSON object'}}")));
        assertTrue(response.contains(EngineHarness.json(
                "{'jsonrpc':'2.0','id':'x','error':{'code':-32600,'message':'Invalid Request: \\'params\\' must be an object'}}")));
        assertTrue(response.contains(EngineHarness.json("{'jsonrpc':'2.0','id':'y','result':{}}")));
    }

    @Test
    void aBatchOfInvalidMembersOnlyIsAnsweredAtOnce() {
        h.initialize("2025-03-26");
        h.sendText("[1,2]");
        assertEquals(text("[{'jsonrpc':'2.0','id':null,'error':{'code':-32600,'message':'Invalid Request: not a JSON object'}},"
                + "{'jsonrpc':'2.0','id':null,'error':{'code':-32600,'message':'Invalid Request: not a JSON object'}}]"),
                h.connection.next());
    }

    @Test
    void aCancelledRequestInsideABatchStillLetsTheBatchResponseBeSent() throws InterruptedException {
        h.initialize("2025-03-26");
        h.send(batch(request(1, "test/block", null), request(2, "test/echo", null), request(3, "test/block", null)));
        assertTrue(feature.blockStarted.tryAcquire(2, TIMEOUT_MS, TimeUnit.MILLISECONDS));
        h.send(cancel(1));
        assertEquals(true, feature.observations.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS).cancelled());
        h.connection.assertNoUnread(); // request 3 still runs
        feature.release.countDown();
        assertEquals(EngineHarness.json("["
                + "{'jsonrpc':'2.0','id':2,'result':{'echo':{}}},"
                + "{'jsonrpc':'2.0','id':3,'result':{'blocked':'done'}}]"), nextBatchResponse());
        h.awaitIdle();
        h.connection.assertNoUnread();
    }

    @Test
    void aBatchWhoseOnlyRequestIsCancelledSendsNothing() throws InterruptedException {
        h.initialize("2025-03-26");
        h.send(batch(request(1, "test/block", null)));
        assertTrue(feature.blockStarted.tryAcquire(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        h.send(cancel(1));
        assertEquals(true, feature.observations.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS).cancelled());
        h.awaitIdle();
        h.connection.assertNoUnread();
    }

    @Test
    void aBatchResponseEntryIsPlainJsonRpc() {
        h.initialize("2025-03-26");
        JsonObject entry;
        try (LogCapture logs = new LogCapture()) {
            h.send(batch(request(1, "test/fail", null)));
            entry = parse(h.connection.next()).asJsonArray().getJsonObject(0);
        }
        assertEquals(EngineHarness.json("{'jsonrpc':'2.0','id':1,'error':{'code':-32603,'message':'Internal error'}}"), entry);
    }
}

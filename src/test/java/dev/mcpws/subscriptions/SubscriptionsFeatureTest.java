package dev.mcpws.subscriptions;

import static dev.mcpws.engine.EngineHarness.cancel;
import static dev.mcpws.engine.EngineHarness.json;
import static dev.mcpws.engine.EngineHarness.modernMeta;
import static dev.mcpws.engine.EngineHarness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.engine.EngineHarness;
import dev.mcpws.engine.EngineSettings;
import dev.mcpws.engine.MethodHandler;
import dev.mcpws.engine.ServerFeature;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** resources/subscribe (legacy) and subscriptions/listen (2026-07-28) driven through a real engine. */
class SubscriptionsFeatureTest {

    private final SubscriptionsFeature subs = new SubscriptionsFeature(3);
    private EngineHarness h;

    /** What the tools and resources features advertise, so the merge can be seen; plus an echo method. */
    static final class Base implements ServerFeature {
        @Override
        public List<dev.mcpws.engine.MethodSpec> methods() {
            return List.of(dev.mcpws.engine.MethodSpec.of("test/echo", ctx -> CompletableFuture.completedFuture(
                    Json.createObjectBuilder().add("echo", true).build())));
        }

        @Override
        public void capabilities(JsonObjectBuilder capabilities, String protocolVersion) {
            capabilities.add("tools", Json.createObjectBuilder().add("x", 1)).add("resources", JsonValue.EMPTY_JSON_OBJECT);
        }
    }

    private EngineHarness harness(EngineSettings settings) {
        h = new EngineHarness(List.of(new Base(), subs), settings);
        return h;
    }

    private EngineHarness harness() {
        return harness(EngineSettings.DEFAULTS);
    }

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    static JsonObjectBuilder uri(String uri) {
        return Json.createObjectBuilder().add("uri", uri);
    }

    /** A listen request with the given filter. */
    static JsonObject listen(Object id, JsonObjectBuilder filter) {
        return request(id, "subscriptions/listen", Json.createObjectBuilder().add("notifications", filter)
                .add("_meta", modernMeta()));
    }

    static JsonObjectBuilder filter(boolean tools, boolean resources, String... uris) {
        JsonObjectBuilder f = Json.createObjectBuilder();
        if (tools) {
            f.add("toolsListChanged", true);
        }
        if (resources) {
            f.add("resourcesListChanged", true);
        }
        if (uris.length > 0) {
            JsonArrayBuilder a = Json.createArrayBuilder();
            for (String u : uris) {
                a.add(u);
            }
            f.add("resourceSubscriptions", a);
        }
        return f;
    }

    @Test
    void legacySubscribeGetsUpdatesOfThatUriUntilUnsubscribe() {
        harness().initialize("2025-11-25");
        assertEquals(json("{'jsonrpc':'2.0','id':1,'result':{}}"), h.call(request(1, "resources/subscribe", uri("it://a"))));
        subs.resourceUpdated("it://b");
        h.connection.assertNoUnread();
        subs.resourceUpdated("it://a");
        assertEquals(json("{'jsonrpc':'2.0','method':'notifications/resources/updated','params':{'uri':'it://a'}}"),
                h.connection.nextObject());
        assertEquals(json("{'jsonrpc':'2.0','id':2,'result':{}}"), h.call(request(2, "resources/unsubscribe", uri("it://a"))));
        subs.resourceUpdated("it://a");
        h.connection.assertNoUnread();
    }

    /** Subscribed URIs are client-chosen keys kept for the connection's life: bounded per connection. */
    @Test
    void aConnectionSubscribesToAtMostTheConfiguredNumberOfUris() {
        SubscriptionsFeature two = new SubscriptionsFeature(3, 2);
        h = new EngineHarness(List.of(new Base(), two), EngineSettings.DEFAULTS);
        h.initialize("2025-11-25");
        assertEquals(json("{'jsonrpc':'2.0','id':1,'result':{}}"), h.call(request(1, "resources/subscribe", uri("it://a"))));
        assertEquals(json("{'jsonrpc':'2.0','id':2,'result':{}}"), h.call(request(2, "resources/subscribe", uri("it://b"))));
        assertEquals(json("{'jsonrpc':'2.0','id':3,'result':{}}"), h.call(request(3, "resources/subscribe", uri("it://a"))),
                "the same URI again is no new key");
        assertEquals(-32001, h.call(request(4, "resources/subscribe", uri("it://c"))).getJsonObject("error").getInt("code"));
        h.call(request(5, "resources/unsubscribe", uri("it://a")));
        assertEquals(json("{'jsonrpc':'2.0','id':6,'result':{}}"), h.call(request(6, "resources/subscribe", uri("it://c"))));
        assertEquals(-32001, h.call(listen("L", filter(false, false, "it://1", "it://2", "it://3")))
                .getJsonObject("error").getInt("code"));
    }

    @Test
    void subscribeNeedsAUriAndIsLegacyOnly() {
        harness().initialize("2025-11-25");
        assertEquals(-32602, h.call(request(1, "resources/subscribe", Json.createObjectBuilder()))
                .getJsonObject("error").getInt("code"));
        assertEquals(-32601, h.call(request(2, "resources/subscribe", uri("it://a").add("_meta", modernMeta())))
                .getJsonObject("error").getInt("code"));
    }

    @Test
    void listenIsAcknowledgedFirstThenGetsOnlyTheKindsAndUrisItAskedForTaggedWithItsId() {
        harness();
        h.send(listen("L1", filter(true, false, "it://x")));
        assertEquals(json("{'jsonrpc':'2.0','method':'notifications/subscriptions/acknowledged','params':{"
                        + "'notifications':{'toolsListChanged':true,'resourceSubscriptions':['it://x']},"
                        + "'_meta':{'io.modelcontextprotocol/subscriptionId':'L1'}}}"),
                h.connection.nextObject());
        awaitOpen(1);
        subs.resourcesListChanged();
        subs.resourceUpdated("it://y");
        h.connection.assertNoUnread();

        subs.toolsListChanged();
        assertEquals(json("{'jsonrpc':'2.0','method':'notifications/tools/list_changed',"
                + "'params':{'_meta':{'io.modelcontextprotocol/subscriptionId':'L1'}}}"), h.connection.nextObject());
        subs.resourceUpdated("it://x");
        assertEquals(json("{'jsonrpc':'2.0','method':'notifications/resources/updated',"
                        + "'params':{'uri':'it://x','_meta':{'io.modelcontextprotocol/subscriptionId':'L1'}}}"),
                h.connection.nextObject());
        h.connection.assertNoUnread(); // no response: the listen stays open
    }

    @Test
    void twoListensOnOneConnectionAndCancelEndsOneWithoutAResponse() {
        harness();
        h.send(listen(7, filter(true, false)));
        h.connection.next();
        h.send(listen(8, filter(true, true)));
        h.connection.next();
        awaitOpen(2);

        subs.toolsListChanged();
        List<String> ids = List.of(subscriptionId(h.connection.nextObject()), subscriptionId(h.connection.nextObject()));
        assertTrue(ids.containsAll(List.of("7", "8")), ids::toString);

        h.send(cancel(7));
        subs.toolsListChanged();
        assertEquals("8", subscriptionId(h.connection.nextObject()));
        subs.resourcesListChanged();
        JsonObject r = h.connection.nextObject();
        assertEquals("notifications/resources/list_changed", r.getString("method"));
        assertEquals("8", subscriptionId(r));
        h.connection.assertNoUnread();
        assertEquals(1, subs.openListens());
    }

    @Test
    void listenHasNoExecutionTimeoutAndDoesNotTakeAnInFlightSlot() throws InterruptedException {
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            h = new EngineHarness(List.of(new Base(), subs), new EngineSettings(0, "public", 1, 100));
            // the harness engine has no timer: build one that has, on the same connection type
            dev.mcpws.engine.McpEngine engine = dev.mcpws.engine.McpEngine.builder(EngineHarness.SERVER_INFO, h.executor)
                    .features(List.of(new Base(), subs)).timer(timer).settings(new EngineSettings(0, "public", 1, 100)).build();
            EngineHarness.RecordingConnection conn = new EngineHarness.RecordingConnection("timed");
            dev.mcpws.engine.McpSession session = engine.open(conn);
            var l = dev.mcpws.protocol.JsonRpcCodec.decode(listen(1, filter(true, false)).toString());
            engine.onMessage(session, l, conn.channelFor(l));
            conn.next(); // acknowledged
            Thread.sleep(400); // well past the 100 ms request timeout
            assertEquals(0, session.inFlightCount(), "a listen is not counted against max-in-flight");
            var echoRequest = dev.mcpws.protocol.JsonRpcCodec.decode(request(2, "test/echo",
                    Json.createObjectBuilder().add("_meta", modernMeta())).toString());
            engine.onMessage(session, echoRequest, conn.channelFor(echoRequest));
            JsonObject echo = (JsonObject) EngineHarness.parse(conn.next());
            assertEquals(2, echo.getInt("id"), echo::toString); // max-in-flight is 1: the listen did not take it
            assertTrue(echo.containsKey("result"), echo::toString);
            subs.toolsListChanged();
            assertEquals("1", subscriptionId((JsonObject) EngineHarness.parse(conn.next())), "still open, not timed out");
            conn.assertNoUnread();
        } finally {
            timer.shutdownNow();
        }
    }

    /**
     * The acknowledgement and every later notification of a listen belong to the listen request: a transport that
     * routes by request (Streamable HTTP puts them on that request's SSE response) must be told which one.
     */
    @Test
    void listenNotificationsAreSentAsPartOfTheListenRequest() throws InterruptedException {
        EngineHarness.RecordingConnection conn = new EngineHarness.RecordingConnection("routed");
        harness();
        dev.mcpws.engine.McpSession session = h.engine.open(conn);
        var l = dev.mcpws.protocol.JsonRpcCodec.decode(listen("L9", filter(true, false)).toString());
        h.engine.onMessage(session, l, conn.channelFor(l));
        conn.next();
        assertEquals(List.of("L9 notifications/subscriptions/acknowledged"), conn.related);
        awaitOpen(1);
        subs.toolsListChanged();
        conn.next();
        assertEquals(List.of("L9 notifications/subscriptions/acknowledged", "L9 notifications/tools/list_changed"),
                conn.related);
    }

    @Test
    void listensPerConnectionAreLimited() {
        harness();
        for (int i = 1; i <= 3; i++) {
            h.send(listen(i, filter(true, false)));
            h.connection.next();
        }
        awaitOpen(3);
        JsonObject refused = h.call(listen(4, filter(true, false)));
        assertEquals(-32001, refused.getJsonObject("error").getInt("code"), refused::toString);
        h.send(cancel(1));
        h.send(listen(5, filter(true, false)));
        assertEquals("notifications/subscriptions/acknowledged", h.connection.nextObject().getString("method"),
                "a cancelled listen frees its slot");
    }

    @Test
    void closingTheConnectionEndsItsListensWithoutAResponse() {
        harness();
        h.send(listen("a", filter(true, true, "it://x")));
        h.connection.next();
        awaitOpen(1);
        h.engine.onClose(h.session);
        subs.toolsListChanged();
        subs.resourceUpdated("it://x");
        h.connection.assertNoUnread();
        assertEquals(0, subs.openListens());
    }

    @Test
    void endAllAnswersEachListenWithItsSubscriptionId() {
        harness();
        h.send(listen("z", filter(false, true)));
        h.connection.next();
        awaitOpen(1);
        subs.endAll();
        JsonObject end = h.connection.nextObject();
        assertEquals("z", end.getString("id"));
        JsonObject result = end.getJsonObject("result");
        assertEquals("complete", result.getString("resultType"));
        assertEquals("z", result.getJsonObject("_meta").getString("io.modelcontextprotocol/subscriptionId"));
        assertTrue(result.getJsonObject("_meta").containsKey("io.modelcontextprotocol/serverInfo"));
        subs.resourcesListChanged();
        h.connection.assertNoUnread();
    }

    @Test
    void listenRejectsAMissingFilterOrBadUris() {
        harness();
        assertEquals(-32602, h.call(request(1, "subscriptions/listen", Json.createObjectBuilder().add("_meta", modernMeta())))
                .getJsonObject("error").getInt("code"));
        assertEquals(-32602, h.call(listen(2, Json.createObjectBuilder().add("resourceSubscriptions", "it://x")))
                .getJsonObject("error").getInt("code"));
        assertEquals(-32602, h.call(listen(3, Json.createObjectBuilder().add("resourceSubscriptions",
                Json.createArrayBuilder().add(1)))).getJsonObject("error").getInt("code"));
        assertEquals(0, subs.openListens());
    }

    @Test
    void capabilitiesAdvertiseSubscribeAndListChanged() {
        JsonObject legacy = harness().initialize("2025-11-25").getJsonObject("result").getJsonObject("capabilities");
        assertEquals(json("{'subscribe':true,'listChanged':true}"), legacy.getJsonObject("resources"));
        assertEquals(json("{'x':1}"), legacy.getJsonObject("tools"), "legacy tools capability left as the tools feature made it");
        JsonObject modern = h.call(request(9, "server/discover", Json.createObjectBuilder().add("_meta", modernMeta())))
                .getJsonObject("result").getJsonObject("capabilities");
        assertEquals(json("{'subscribe':true,'listChanged':true}"), modern.getJsonObject("resources"));
        assertEquals(json("{'x':1,'listChanged':true}"), modern.getJsonObject("tools"));
    }

    private static String subscriptionId(JsonObject notification) {
        JsonValue id = notification.getJsonObject("params").getJsonObject("_meta").get("io.modelcontextprotocol/subscriptionId");
        return id instanceof jakarta.json.JsonString s ? s.getString() : id.toString();
    }

    /** The ack is sent before the handler returns; wait until the engine has the listen in flight. */
    private void awaitOpen(int n) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (subs.openListens() < n && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(n, subs.openListens());
        assertFalse(h.session.isClosed());
    }
}

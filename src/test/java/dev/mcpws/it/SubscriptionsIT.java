package dev.mcpws.it;

import static dev.mcpws.it.WsClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Resource subscriptions (legacy) and subscriptions/listen (2026-07-28) over a real socket. The deployment has a
 * short request timeout and a small in-flight cap, which listens must outlive and not use up.
 */
@RunAsClient
class SubscriptionsIT extends McpIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar("mcp.request.timeout-ms=700\nmcp.limits.max-in-flight=2");
    }

    static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

    static JsonObject uri(String uri) {
        return Json.createObjectBuilder().add("uri", uri).build();
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
            f.add("resourceSubscriptions", Json.createArrayBuilder(List.of(uris)));
        }
        return f;
    }

    /** Opens a listen and waits for its acknowledgement; returns the listen's id. */
    static long listen(WsClient m, JsonObjectBuilder filter) {
        long id = m.send("subscriptions/listen", modern(Json.createObjectBuilder().add("notifications", filter)));
        JsonObject first = m.await(msg -> taggedWith(msg, id), "the first message of listen " + id);
        assertEquals("notifications/subscriptions/acknowledged", first.getString("method"), first::toString);
        return id;
    }

    static boolean taggedWith(JsonObject msg, long id) {
        JsonValue meta = msg.containsKey("params") ? msg.getJsonObject("params").get("_meta") : null;
        return meta instanceof JsonObject o && o.get(SUBSCRIPTION_ID) instanceof jakarta.json.JsonNumber n
                && n.longValue() == id;
    }

    static boolean is(JsonObject msg, String method) {
        return method.equals(msg.getString("method", ""));
    }

    @Test
    void legacySubscribeGetsUpdatesOfThatUriUntilUnsubscribe() throws InterruptedException {
        try (WsClient c = legacy(LEGACY); WsClient other = legacy(LEGACY)) {
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, c.call("resources/subscribe", uri("it://config")));
            other.call("tools/call", toolCall("touch", args().add("uri", "it://config")));
            JsonObject updated = c.await(m -> is(m, "notifications/resources/updated"), "resources/updated");
            assertEquals(Json.createObjectBuilder().add("uri", "it://config").build(), updated.getJsonObject("params"));

            other.call("tools/call", toolCall("touch", args().add("uri", "it://logo")));
            assertTrue(c.drain(Duration.ofMillis(300)).isEmpty(), "not subscribed to it://logo");
            assertTrue(other.drain(Duration.ofMillis(10)).stream().noneMatch(m -> is(m, "notifications/resources/updated")));

            assertEquals(JsonValue.EMPTY_JSON_OBJECT, c.call("resources/unsubscribe", uri("it://config")));
            other.call("tools/call", toolCall("touch", args().add("uri", "it://config")));
            assertTrue(c.drain(Duration.ofMillis(300)).isEmpty(), "unsubscribed");
            assertError(c.request("resources/subscribe", JsonValue.EMPTY_JSON_OBJECT), -32602);
        }
    }

    @Test
    void listenGetsOnlyTheKindsAndUrisItAskedForTaggedWithItsId() throws InterruptedException {
        try (WsClient m = connect("mcp"); WsClient c = legacy(LEGACY)) {
            long id = listen(m, filter(true, false, "it://config"));
            c.call("tools/call", toolCall("add_note", args().add("name", "sub1").add("text", "t"))); // resources list: not asked
            c.call("tools/call", toolCall("touch", args().add("uri", "it://logo")));                 // not asked
            c.call("tools/call", toolCall("add_tool", args().add("name", "runtime_tool_1")));
            JsonObject tools = m.await(msg -> is(msg, "notifications/tools/list_changed"), "tools list_changed");
            assertTrue(taggedWith(tools, id), tools::toString);
            c.call("tools/call", toolCall("touch", args().add("uri", "it://config")));
            JsonObject updated = m.await(msg -> is(msg, "notifications/resources/updated"), "resources/updated");
            assertEquals("it://config", updated.getJsonObject("params").getString("uri"));
            assertTrue(taggedWith(updated, id), updated::toString);

            List<JsonObject> rest = m.drain(Duration.ofMillis(400));
            assertEquals(List.of(), rest, "nothing else: no resources list_changed, no update of it://logo, no response");
        }
    }

    @Test
    void twoListensOnOneSocketAndCancelEndsOne() throws InterruptedException {
        try (WsClient m = connect("mcp"); WsClient c = legacy(LEGACY)) {
            long tools = listen(m, filter(true, false));
            long resources = listen(m, filter(false, true));
            c.call("tools/call", toolCall("add_tool", args().add("name", "runtime_tool_2")));
            JsonObject t = m.await(msg -> is(msg, "notifications/tools/list_changed"), "tools list_changed");
            assertTrue(taggedWith(t, tools), t::toString);

            m.notify("notifications/cancelled", Json.createObjectBuilder().add("requestId", tools).build());
            m.call("tools/list", modern()); // the cancel is processed before this answer
            c.call("tools/call", toolCall("add_tool", args().add("name", "runtime_tool_3")));
            c.call("tools/call", toolCall("add_note", args().add("name", "sub2").add("text", "t")));
            JsonObject r = m.await(msg -> is(msg, "notifications/resources/list_changed"), "resources list_changed");
            assertTrue(taggedWith(r, resources), r::toString);
            // add_note adds a resource and a template: a second resources list_changed may follow, nothing else
            List<JsonObject> rest = m.drain(Duration.ofMillis(400));
            assertTrue(rest.stream().allMatch(msg -> is(msg, "notifications/resources/list_changed") && taggedWith(msg, resources)),
                    () -> "the cancelled listen gets nothing, not even a response: " + rest);
        }
    }

    @Test
    void listensOutliveTheRequestTimeoutAndLeaveTheInFlightCapToRequests() throws InterruptedException {
        try (WsClient m = connect("mcp"); WsClient c = legacy(LEGACY)) {
            long a = listen(m, filter(true, false));
            long b = listen(m, filter(true, false));
            long d = listen(m, filter(true, false)); // three listens, max-in-flight is 2
            assertEquals("complete", m.call("tools/list", modern()).getString("resultType"), "requests still served");
            List<JsonObject> quiet = m.drain(Duration.ofMillis(1500)); // twice the 700 ms request timeout
            assertEquals(List.of(), quiet, "no -32003 for a listen");
            c.call("tools/call", toolCall("add_tool", args().add("name", "runtime_tool_4")));
            for (long id : new long[] {a, b, d}) {
                assertNotNull(m.await(msg -> is(msg, "notifications/tools/list_changed") && taggedWith(msg, id),
                        "list_changed on listen " + id));
            }
        }
    }

    @Test
    void listenIsModernOnlyAndNeedsAFilter() {
        try (WsClient m = connect("mcp")) {
            assertError(m.request("subscriptions/listen", modern()), -32602);
            assertError(m.request("subscriptions/listen", modern(Json.createObjectBuilder().add("notifications",
                    Json.createObjectBuilder().add("resourceSubscriptions", "it://config")))), -32602);
        }
        try (WsClient c = legacy(LEGACY)) {
            assertError(c.request("subscriptions/listen", Json.createObjectBuilder()
                    .add("notifications", filter(true, false)).build()), -32602); // a 2026-07-28 method needs its _meta
        }
    }
}

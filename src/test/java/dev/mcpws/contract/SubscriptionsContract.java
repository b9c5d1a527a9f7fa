package dev.mcpws.contract;

import static dev.mcpws.contract.McpTestClient.is;
import static dev.mcpws.contract.McpTestClient.isResponseTo;
import static dev.mcpws.contract.McpTestClient.obj;
import static dev.mcpws.contract.McpTestClient.taggedWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Resource subscriptions (legacy) and subscriptions/listen (2026-07-28). "Nothing else arrives" is proven, never
 * waited for: after the unwanted events the test causes a wanted one and waits for it; a line's output is ordered,
 * so anything the server sent for the unwanted events is in the inbox by then.
 */
public interface SubscriptionsContract extends ContractTransport {

    static JsonObjectBuilder filter(boolean tools, boolean resources, String... uris) {
        JsonObjectBuilder f = obj();
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

    static void touch(McpTestClient c, String uri) {
        c.tool("touch").arg("uri", uri).call().result();
    }

    static String uniqueTool() {
        return "runtime_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Test
    default void legacySubscribeGetsUpdatesOfThatUriUntilUnsubscribe() {
        try (McpTestClient c = client(Era.LEGACY); McpTestClient other = client(Era.LEGACY)) {
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, c.request("resources/subscribe").param("uri", "it://config").result());
            touch(other, "it://logo");   // not subscribed
            touch(other, "it://config"); // subscribed: arrives after anything about it://logo would have
            JsonObject updated = c.awaitNotification("notifications/resources/updated");
            assertEquals(obj().add("uri", "it://config").build(), updated.getJsonObject("params"));
            assertEquals(List.of(), c.inbox().unclaimed(), "nothing about it://logo");
            assertTrue(other.inbox().all().stream().noneMatch(m -> is(m, "notifications/resources/updated")),
                    "the toucher did not subscribe");

            assertEquals(JsonValue.EMPTY_JSON_OBJECT, c.request("resources/unsubscribe").param("uri", "it://config").result());
            c.request("resources/subscribe").param("uri", "it://logo").result();
            touch(other, "it://config"); // unsubscribed
            touch(other, "it://logo");
            assertEquals("it://logo", c.awaitNotification("notifications/resources/updated").getJsonObject("params").getString("uri"));
            assertEquals(List.of(), c.inbox().unclaimed(), "nothing about it://config after the unsubscribe");
            c.request("resources/subscribe").error(-32602);
        }
    }

    @Test
    default void listenGetsOnlyTheKindsAndUrisItAskedForTaggedWithItsId() {
        String note = "sub-" + UUID.randomUUID();
        try (McpTestClient m = client(Era.MODERN); McpTestClient c = client(Era.LEGACY)) {
            McpTestClient.Pending listen = m.listen(filter(true, false, "it://config"));
            try {
                c.tool("add_note").arg("name", note).arg("text", "t").call().result(); // resources list: not asked for
                touch(c, "it://logo");                                                // not asked for
                c.tool("add_tool").arg("name", uniqueTool()).call().result();
                JsonObject tools = m.awaitNotification("notifications/tools/list_changed");
                assertTrue(taggedWith(tools, listen.id()), tools::toString);
                touch(c, "it://config");
                JsonObject updated = m.awaitNotification("notifications/resources/updated");
                assertEquals("it://config", updated.getJsonObject("params").getString("uri"));
                assertTrue(taggedWith(updated, listen.id()), updated::toString);
                assertEquals(List.of(), m.inbox().unclaimed(),
                        "nothing else: no resources list_changed, no update of it://logo, no response");
            } finally {
                c.tool("remove_note").arg("name", note).call().result();
            }
        }
    }

    @Test
    default void twoListensOnOneClientAndCancelEndsOne() {
        String note = "sub-" + UUID.randomUUID();
        try (McpTestClient m = client(Era.MODERN); McpTestClient c = client(Era.LEGACY)) {
            McpTestClient.Pending tools = m.listen(filter(true, false));
            McpTestClient.Pending resources = m.listen(filter(false, true));
            c.tool("add_tool").arg("name", uniqueTool()).call().result();
            JsonObject t = m.awaitNotification("notifications/tools/list_changed");
            assertTrue(taggedWith(t, tools.id()), t::toString);

            m.cancel(tools);
            m.request("tools/list").result(); // where the cancel is a message, it is processed before this answer
            int mark = m.inbox().mark();
            try {
                c.tool("add_tool").arg("name", uniqueTool()).call().result();
                c.tool("add_note").arg("name", note).arg("text", "t").call().result();
                JsonObject r = m.awaitNotification("notifications/resources/list_changed");
                assertTrue(taggedWith(r, resources.id()), r::toString);
                // the tools change came first: had the cancelled listen got it, it would be in the inbox now
                List<JsonObject> after = m.inbox().between(mark, Integer.MAX_VALUE);
                assertTrue(after.stream().noneMatch(msg -> taggedWith(msg, tools.id()) || isResponseTo(msg, tools.id())),
                        () -> "the cancelled listen gets nothing, not even a response: " + after);
            } finally {
                c.tool("remove_note").arg("name", note).call().result();
            }
        }
    }

    @Test
    default void listensOutliveTheRequestTimeoutAndLeaveTheInFlightCapToRequests() {
        try (McpTestClient m = client(Era.MODERN); McpTestClient c = client(Era.LEGACY)) {
            List<McpTestClient.Pending> listens = new ArrayList<>();
            for (int i = 0; i <= ContractDeployment.MAX_IN_FLIGHT; i++) {
                listens.add(m.listen(filter(true, false))); // one more listen than the in-flight cap
            }
            assertEquals("complete", m.request("tools/list").result().getString("resultType"), "requests still served");
            // a request started after the listens runs into the request timeout: by its -32003 the listens' would be due
            m.tool("wait_for_cancel").param("arguments", obj()).error(-32003);
            c.tool("add_tool").arg("name", uniqueTool()).call().result();
            for (McpTestClient.Pending l : listens) {
                m.await(msg -> is(msg, "notifications/tools/list_changed") && taggedWith(msg, l.id()), "list_changed on listen " + l.id());
            }
            assertTrue(m.inbox().all().stream().noneMatch(msg -> msg.containsKey("error") && !msg.containsKey("method")
                            && listens.stream().anyMatch(l -> isResponseTo(msg, l.id()))),
                    () -> "no -32003 (nor any response) for a listen: " + m.inbox().all());
        }
    }

    @Test
    default void listenIsModernOnlyAndNeedsAFilter() {
        try (McpTestClient m = client(Era.MODERN)) {
            m.request("subscriptions/listen").error(-32602);
            m.request("subscriptions/listen").param("notifications", obj().add("resourceSubscriptions", "it://config")).error(-32602);
        }
        try (McpTestClient c = client(Era.LEGACY)) {
            c.request("subscriptions/listen").param("notifications", filter(true, false)).error(-32602); // needs its _meta
        }
    }
}

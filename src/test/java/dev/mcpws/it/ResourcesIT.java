package dev.mcpws.it;

import static dev.mcpws.it.WsClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Resources end to end: discovery of annotated beans, lists, reads, templates, errors per era, runtime changes. */
@RunAsClient
class ResourcesIT extends McpIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar();
    }

    static JsonObject uri(String uri) {
        return Json.createObjectBuilder().add("uri", uri).build();
    }

    static JsonObject find(JsonArray items, String key, String value) {
        return items.getValuesAs(JsonObject.class).stream().filter(o -> value.equals(o.getString(key))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " " + value + " in " + items));
    }

    @Test
    void listsResourcesAndTemplatesWithTheFieldsOfEachVersion() {
        try (WsClient c = legacy(LEGACY); WsClient old = legacy("2024-11-05")) {
            JsonArray resources = c.call("resources/list", null).getJsonArray("resources");
            List<String> uris = resources.getValuesAs(JsonObject.class).stream().map(r -> r.getString("uri")).toList();
            assertEquals(uris.stream().sorted().toList(), uris, "deterministic order by URI");
            JsonObject config = find(resources, "uri", "it://config");
            assertEquals("config", config.getString("name"));
            assertEquals("IT configuration", config.getString("title"));
            assertEquals("application/json", config.getString("mimeType"));
            assertEquals(13, config.getInt("size"));
            assertEquals("logo", find(resources, "uri", "it://logo").getString("name"));

            JsonArray templates = c.call("resources/templates/list", null).getJsonArray("resourceTemplates");
            JsonObject order = find(templates, "uriTemplate", "it://orders/{id}");
            assertEquals("Order", order.getString("title"));
            assertEquals("An order by number", order.getString("description"));
            assertNotNull(find(templates, "uriTemplate", "it://files/{+path}"));

            assertFalse(find(old.call("resources/list", null).getJsonArray("resources"), "uri", "it://config")
                    .containsKey("title"), "2024-11-05 has no title");
            assertFalse(find(old.call("resources/templates/list", null).getJsonArray("resourceTemplates"), "uriTemplate",
                    "it://orders/{id}").containsKey("title"));
        }
    }

    @Test
    void readsTextBlobsAndTemplatesInBothEras() {
        try (WsClient c = legacy(LEGACY); WsClient m = connect("mcp")) {
            JsonObject text = c.call("resources/read", uri("it://config")).getJsonArray("contents").getJsonObject(0);
            assertEquals(Json.createObjectBuilder().add("uri", "it://config").add("mimeType", "application/json")
                    .add("text", "{\"it\":true}").build(), text);
            JsonObject blob = c.call("resources/read", uri("it://logo")).getJsonArray("contents").getJsonObject(0);
            assertEquals("image/png", blob.getString("mimeType"));
            assertEquals(Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G'}), blob.getString("blob"));
            assertEquals("order 1234 (" + LEGACY + ")", c.call("resources/read", uri("it://orders/1234"))
                    .getJsonArray("contents").getJsonObject(0).getString("text"));

            JsonObject modern = m.call("resources/read", modern(Json.createObjectBuilder().add("uri", "it://files/docs/read%20me.md")));
            assertEquals("complete", modern.getString("resultType"));
            assertEquals(1234, modern.getJsonNumber("ttlMs").longValue());
            assertEquals("public", modern.getString("cacheScope"));
            JsonArray contents = modern.getJsonArray("contents");
            assertEquals("it://files/docs/read%20me.md", contents.getJsonObject(0).getString("uri"));
            assertEquals("contents of docs/read me.md", contents.getJsonObject(0).getString("text"));
            assertEquals("it://files/docs/read me.md.sha", contents.getJsonObject(1).getString("uri"));

            JsonObject list = m.call("resources/list", modern());
            assertEquals(1234, list.getJsonNumber("ttlMs").longValue());
            assertEquals("complete", m.call("resources/templates/list", modern()).getString("resultType"));
        }
    }

    @Test
    void notFoundIsMinus32002InLegacyErasAndMinus32602In2026() {
        try (WsClient c = legacy(LEGACY); WsClient m = connect("mcp")) {
            for (String missing : List.of("it://nothing", "it://orders/abc", "it://orders/404")) {
                JsonObject legacy = c.request("resources/read", uri(missing));
                assertError(legacy, -32002);
                assertEquals(missing, legacy.getJsonObject("error").getJsonObject("data").getString("uri"));
                JsonObject modern = m.request("resources/read", modern(Json.createObjectBuilder().add("uri", missing)));
                assertError(modern, -32602);
                assertEquals(missing, modern.getJsonObject("error").getJsonObject("data").getString("uri"));
            }
            assertEquals("Order 404 does not exist", c.request("resources/read", uri("it://orders/404"))
                    .getJsonObject("error").getString("message"));
            assertError(c.request("resources/read", null), -32602);
        }
    }

    @Test
    void capabilitiesAndUnservedMethods() {
        try (WsClient c = connect("mcp")) {
            JsonObject init = c.call("initialize", Json.createObjectBuilder().add("protocolVersion", LEGACY)
                    .add("capabilities", Json.createObjectBuilder())
                    .add("clientInfo", Json.createObjectBuilder().add("name", "it").add("version", "1")).build());
            JsonObject both = Json.createObjectBuilder().add("subscribe", true).add("listChanged", true).build();
            assertEquals(both, init.getJsonObject("capabilities").getJsonObject("resources"));
            assertEquals(both, c.call("server/discover", modern()).getJsonObject("capabilities").getJsonObject("resources"),
                    "2026-07-28 has both through subscriptions/listen");
            assertError(c.request("resources/subscribe", modern(Json.createObjectBuilder().add("uri", "it://config"))),
                    -32601);
        }
    }

    @Test
    void runtimeChangesReachLegacySessionsAsListChanged() throws Exception {
        try (WsClient c = legacy(LEGACY); WsClient watcher = legacy("2025-06-18"); WsClient m = connect("mcp")) {
            m.call("resources/list", modern());
            String uris = text(c.call("tools/call", toolCall("add_note", args().add("name", "n1").add("text", "remember"))));
            assertTrue(uris.contains("it://notes/n1"), uris);
            assertNotNull(watcher.await(msg -> "notifications/resources/list_changed".equals(msg.getString("method", "")),
                    "resources list_changed"));
            assertTrue(m.drain(Duration.ofMillis(300)).stream().noneMatch(msg -> msg.containsKey("method")),
                    "a 2026-07-28 client gets no unsolicited notification");

            assertEquals("remember", c.call("resources/read", uri("it://notes/n1")).getJsonArray("contents")
                    .getJsonObject(0).getString("text"));
            assertEquals("draft 7", c.call("resources/read", uri("it://drafts/7")).getJsonArray("contents")
                    .getJsonObject(0).getString("text"));
            assertNotNull(find(c.call("resources/list", null).getJsonArray("resources"), "uri", "it://notes/n1"));

            assertEquals("true", text(c.call("tools/call", toolCall("remove_note", args().add("name", "n1")))));
            assertError(c.request("resources/read", uri("it://notes/n1")), -32002);
            assertError(c.request("resources/read", uri("it://drafts/7")), -32002);
            assertNotNull(watcher.await(msg -> "notifications/resources/list_changed".equals(msg.getString("method", "")),
                    "resources list_changed after the removal"));
        }
    }
}

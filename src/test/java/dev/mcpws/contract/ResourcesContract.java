package dev.mcpws.contract;

import static dev.mcpws.contract.McpTestClient.obj;
import static dev.mcpws.contract.ToolsContract.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Resources: lists, reads of texts, blobs and templates, not-found per era, capabilities, runtime changes. */
public interface ResourcesContract extends ContractTransport {

    static McpTestClient.Request read(McpTestClient c, String uri) {
        return c.request("resources/read").param("uri", uri);
    }

    static int notFoundCode(Era era) {
        return era == Era.MODERN ? -32602 : -32002;
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void listsResourcesAndTemplates(Era era) {
        try (McpTestClient c = client(era)) {
            JsonObject list = c.request("resources/list").result();
            JsonArray resources = list.getJsonArray("resources");
            List<String> uris = resources.getValuesAs(JsonObject.class).stream().map(r -> r.getString("uri")).toList();
            assertEquals(uris.stream().sorted().toList(), uris, "deterministic order by URI");
            JsonObject config = find(resources, "uri", "it://config");
            assertEquals("config", config.getString("name"));
            assertEquals("IT configuration", config.getString("title"));
            assertEquals("application/json", config.getString("mimeType"));
            assertEquals(13, config.getInt("size"));
            assertEquals("logo", find(resources, "uri", "it://logo").getString("name"));

            JsonObject templateList = c.request("resources/templates/list").result();
            JsonArray templates = templateList.getJsonArray("resourceTemplates");
            JsonObject order = find(templates, "uriTemplate", "it://orders/{id}");
            assertEquals("Order", order.getString("title"));
            assertEquals("An order by number", order.getString("description"));
            assertNotNull(find(templates, "uriTemplate", "it://files/{+path}"));
            if (era == Era.MODERN) {
                assertEquals(1234, list.getJsonNumber("ttlMs").longValue());
                assertEquals("complete", templateList.getString("resultType"));
            }
        }
    }

    @Test
    default void fieldsFollowTheNegotiatedVersion() {
        try (McpTestClient old = legacyClient("2024-11-05")) {
            assertFalse(find(old.request("resources/list").result().getJsonArray("resources"), "uri", "it://config")
                    .containsKey("title"), "2024-11-05 has no title");
            assertFalse(find(old.request("resources/templates/list").result().getJsonArray("resourceTemplates"),
                    "uriTemplate", "it://orders/{id}").containsKey("title"));
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void readsTextsBlobsAndTemplates(Era era) {
        try (McpTestClient c = client(era)) {
            JsonObject text = read(c, "it://config").result().getJsonArray("contents").getJsonObject(0);
            assertEquals(obj().add("uri", "it://config").add("mimeType", "application/json").add("text", "{\"it\":true}").build(), text);
            JsonObject blob = read(c, "it://logo").result().getJsonArray("contents").getJsonObject(0);
            assertEquals("image/png", blob.getString("mimeType"));
            assertEquals(Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G'}), blob.getString("blob"));
            assertEquals("order 1234 (" + c.version() + ")", read(c, "it://orders/1234").result()
                    .getJsonArray("contents").getJsonObject(0).getString("text"));

            JsonObject files = read(c, "it://files/docs/read%20me.md").result();
            JsonArray contents = files.getJsonArray("contents");
            assertEquals("it://files/docs/read%20me.md", contents.getJsonObject(0).getString("uri"));
            assertEquals("contents of docs/read me.md", contents.getJsonObject(0).getString("text"));
            assertEquals("it://files/docs/read me.md.sha", contents.getJsonObject(1).getString("uri"));
            if (era == Era.MODERN) {
                assertEquals("complete", files.getString("resultType"));
                assertEquals(1234, files.getJsonNumber("ttlMs").longValue());
                assertEquals("public", files.getString("cacheScope"));
            } else {
                assertFalse(files.containsKey("ttlMs"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void notFoundIsMinus32002InLegacyErasAndMinus32602In2026(Era era) {
        try (McpTestClient c = client(era)) {
            for (String missing : List.of("it://nothing", "it://orders/abc", "it://orders/404")) {
                JsonObject error = read(c, missing).error(notFoundCode(era));
                assertEquals(missing, error.getJsonObject("data").getString("uri"));
            }
            assertEquals("Order 404 does not exist", read(c, "it://orders/404").call().error().getString("message"));
            c.request("resources/read").error(-32602);
        }
    }

    @Test
    default void capabilitiesAndUnservedMethods() {
        JsonObject both = obj().add("subscribe", true).add("listChanged", true).build();
        try (McpTestClient c = client(Era.LEGACY)) {
            assertEquals(both, c.initializeResult().getJsonObject("capabilities").getJsonObject("resources"));
        }
        try (McpTestClient m = client(Era.MODERN)) {
            assertEquals(both, m.request("server/discover").result().getJsonObject("capabilities").getJsonObject("resources"),
                    "2026-07-28 has both through subscriptions/listen");
            m.request("resources/subscribe").param("uri", "it://config").error(-32601);
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void runtimeChangesReachLegacySessionsAsListChanged(Era era) {
        String name = "n-" + era.name().toLowerCase();
        try (McpTestClient c = client(era); McpTestClient watcher = legacyClient("2025-06-18"); McpTestClient m = client(Era.MODERN)) {
            m.request("resources/list").result();
            try {
                String uris = c.tool("add_note").arg("name", name).arg("text", "remember").call().text();
                assertTrue(uris.contains("it://notes/" + name), uris);
                assertNotNull(watcher.awaitNotification("notifications/resources/list_changed"));
                // the change was announced while add_note ran, before its answer: on m's (ordered) line anything for m
                // would be in its inbox by the time m's next answer is
                m.sync();
                assertTrue(m.inbox().all().stream().noneMatch(McpTestClient::isNotification),
                        () -> "a 2026-07-28 client gets no unsolicited notification: " + m.inbox().all());

                assertEquals("remember", read(c, "it://notes/" + name).result().getJsonArray("contents")
                        .getJsonObject(0).getString("text"));
                assertEquals("draft 7", read(c, "it://drafts/7").result().getJsonArray("contents")
                        .getJsonObject(0).getString("text"));
                assertNotNull(find(c.request("resources/list").result().getJsonArray("resources"), "uri", "it://notes/" + name));
            } finally {
                assertEquals("true", c.tool("remove_note").arg("name", name).call().text());
            }
            read(c, "it://notes/" + name).error(notFoundCode(era));
            read(c, "it://drafts/7").error(notFoundCode(era));
            assertNotNull(watcher.awaitNotification("notifications/resources/list_changed"), "after the removal");
        }
    }
}

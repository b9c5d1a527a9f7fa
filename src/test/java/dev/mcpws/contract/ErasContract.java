package dev.mcpws.contract;

import static dev.mcpws.contract.McpTestClient.CLIENT_CAPABILITIES;
import static dev.mcpws.contract.McpTestClient.CLIENT_INFO;
import static dev.mcpws.contract.McpTestClient.PROTOCOL_VERSION;
import static dev.mcpws.contract.McpTestClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two eras: the legacy handshake and negotiation, the stateless 2026-07-28 rules, and both at once. */
public interface ErasContract extends ContractTransport {

    static McpTestClient.Request initialize(McpTestClient c, String version) {
        return c.request("initialize").param("protocolVersion", version).param("capabilities", obj())
                .param("clientInfo", obj().add("name", "t").add("version", "1"));
    }

    // ------------------------------------------------------------------ legacy

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"})
    default void negotiatesEverySupportedVersion(String version) {
        try (McpTestClient c = legacyClient(version)) {
            JsonObject result = c.initializeResult();
            assertEquals("mcp-it", result.getJsonObject("serverInfo").getString("name"));
            assertEquals("9.9.9", result.getJsonObject("serverInfo").getString("version"));
            assertTrue(result.getJsonObject("capabilities").getJsonObject("tools").getBoolean("listChanged"));
            assertEquals("Use the echo tool.", result.getString("instructions"));
            assertFalse(result.containsKey("resultType"), "legacy results carry no resultType");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1999-01-01", Era.MODERN_VERSION})
    default void answersAnUnknownVersionWithTheNewestLegacyOne(String asked) {
        try (McpTestClient c = bare(Era.LEGACY)) {
            assertEquals(Era.LEGACY_VERSION, initialize(c, asked).result().getString("protocolVersion"));
        }
    }

    @Test
    default void onlyPingIsAllowedBeforeInitialize() {
        assumeTrue(has(Capability.CONNECTION), "over HTTP there is no connection before initialize");
        try (McpTestClient c = bare(Era.LEGACY)) {
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, c.request("ping").withoutParams().result());
            JsonObject early = c.request("tools/list").withoutParams().error(-32602);
            assertTrue(early.getString("message").contains("initialize"), early::toString);
            initialize(c, Era.LEGACY_VERSION).result();
            assertTrue(c.request("tools/list").withoutParams().result().containsKey("tools"));
        }
    }

    @Test
    default void secondInitializeIsRejected() {
        assumeTrue(has(Capability.CONNECTION), "over HTTP each initialize starts a session");
        try (McpTestClient c = client(Era.LEGACY)) {
            initialize(c, Era.LEGACY_VERSION).error(-32600);
        }
    }

    @Test
    default void modernOnlyMethodsNeedModernMeta() {
        try (McpTestClient c = client(Era.LEGACY)) {
            c.request("server/discover").withoutParams().error(-32602);
        }
    }

    @Test
    default void batchesAreServedIn20250326() {
        try (McpTestClient c = legacyClient("2025-03-26")) {
            c.wire().sendBatch(Json.createArrayBuilder()
                    .add(obj().add("jsonrpc", "2.0").add("id", 101).add("method", "ping"))
                    .add(obj().add("jsonrpc", "2.0").add("method", "notifications/initialized"))
                    .add(obj().add("jsonrpc", "2.0").add("id", 102).add("method", "tools/call")
                            .add("params", obj().add("name", "echo").add("arguments", obj().add("text", "b"))))
                    .add(obj().add("jsonrpc", "2.0").add("id", 103).add("method", "no/such")).build());
            JsonArray batch = c.await(m -> m.containsKey("batch"), "batch response").json().getJsonArray("batch");
            assertEquals(3, batch.size(), batch::toString);
            Set<Integer> ids = new HashSet<>();
            for (JsonObject r : batch.getValuesAs(JsonObject.class)) {
                ids.add(r.getInt("id"));
                if (r.getInt("id") == 103) {
                    assertEquals(-32601, r.getJsonObject("error").getInt("code"));
                }
                if (r.getInt("id") == 102) {
                    assertEquals("b", r.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"));
                }
            }
            assertEquals(Set.of(101, 102, 103), ids);
        }
    }

    @Test
    default void batchesAreRejectedInOtherVersions() {
        try (McpTestClient c = client(Era.LEGACY)) {
            c.wire().sendBatch(Json.createArrayBuilder().add(obj().add("jsonrpc", "2.0").add("id", 201).add("method", "ping")).build());
            JsonObject error = c.await(m -> m.containsKey("error"), "batch rejection").json();
            assertEquals(-32600, error.getJsonObject("error").getInt("code"));
            c.sync();
        }
        try (McpTestClient c = legacyClient("2025-03-26")) {
            c.wire().sendBatch(JsonValue.EMPTY_JSON_ARRAY);
            assertEquals(-32600, c.await(m -> m.containsKey("error"), "empty batch error").json().getJsonObject("error").getInt("code"));
        }
    }

    // ------------------------------------------------------------------ 2026-07-28

    @Test
    default void discoverDescribesTheServer() {
        try (McpTestClient c = client(Era.MODERN)) {
            JsonObject r = c.request("server/discover").result();
            assertEquals("complete", r.getString("resultType"));
            assertEquals(List.of(Era.MODERN_VERSION, "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"),
                    McpTestClient.strings(r.getJsonArray("supportedVersions")));
            assertTrue(r.getJsonObject("capabilities").containsKey("tools"));
            assertEquals(1234, r.getJsonNumber("ttlMs").longValue());
            assertEquals("public", r.getString("cacheScope"));
            assertEquals("Use the echo tool.", r.getString("instructions"));
            JsonObject serverInfo = r.getJsonObject("_meta").getJsonObject(McpTestClient.SERVER_INFO);
            assertEquals("mcp-it", serverInfo.getString("name"));
            assertEquals("MCP IT server", serverInfo.getString("title"));
        }
    }

    @Test
    default void missingMetaKeysAreNamed() {
        try (McpTestClient c = client(Era.MODERN)) {
            JsonObject none = c.request("tools/list").withoutEraMeta().error(-32602);
            String message = none.getString("message");
            assertTrue(message.contains(PROTOCOL_VERSION), message);
            assertTrue(message.contains(CLIENT_CAPABILITIES), message);

            JsonObject onlyVersion = c.request("tools/list").withoutEraMeta()
                    .meta(PROTOCOL_VERSION, Json.createValue(Era.MODERN_VERSION)).error(-32602);
            String m2 = onlyVersion.getString("message");
            assertTrue(m2.contains("clientCapabilities") && !m2.contains("protocolVersion"), m2);
            assertEquals(List.of(CLIENT_CAPABILITIES), McpTestClient.strings(onlyVersion.getJsonObject("data").getJsonArray("missing")));
        }
    }

    @Test
    default void onlyCapabilitiesInMetaMakeAModernRequestToo() {
        try (McpTestClient c = client(Era.MODERN)) {
            JsonObject error = c.request("tools/list").withoutEraMeta().meta(CLIENT_CAPABILITIES, obj().build()).error(-32602);
            assertEquals(List.of(PROTOCOL_VERSION), McpTestClient.strings(error.getJsonObject("data").getJsonArray("missing")));
        }
    }

    @Test
    default void clientCapabilitiesInMetaAloneMakeAModernRequest() {
        // a client that sends nothing but this request: no handshake, no protocol version header, no session
        try (McpTestClient c = bare(Era.LEGACY)) {
            JsonObject error = c.request("tools/list").meta(CLIENT_CAPABILITIES, obj().build()).error(-32602);
            assertEquals(List.of(PROTOCOL_VERSION), McpTestClient.strings(error.getJsonObject("data").getJsonArray("missing")));
        }
    }

    @Test
    default void unsupportedVersionIsRejectedWithTheSupportedList() {
        try (McpTestClient c = client(Era.MODERN)) {
            JsonObject error = c.request("server/discover").meta(PROTOCOL_VERSION, Json.createValue("2099-01-01")).error(-32022);
            JsonObject data = error.getJsonObject("data");
            assertEquals("2099-01-01", data.getString("requested"));
            assertTrue(McpTestClient.strings(data.getJsonArray("supported")).contains(Era.MODERN_VERSION));
        }
    }

    @Test
    default void legacyOnlyMethodsDoNotExistIn2026() {
        try (McpTestClient c = client(Era.MODERN)) {
            c.request("ping").error(-32601);
            c.request("logging/setLevel").param("level", "info").error(-32601);
            c.request("initialize").param("protocolVersion", Era.LEGACY_VERSION).error(-32601);
        }
    }

    @Test
    default void eachModernRequestStandsAlone() {
        try (McpTestClient c = client(Era.MODERN)) {
            c.request("tools/list").result();
            // an earlier complete request does not excuse a later one from carrying _meta
            c.request("tools/list").withoutEraMeta().error(-32602);
            assertEquals(Era.MODERN_VERSION + "|contract-modern|" + Era.MODERN_VERSION,
                    c.tool("request_info").call().text());
        }
    }

    // ------------------------------------------------------------------ both

    @Test
    default void legacyAndModernClientsAtTheSameTime() {
        try (McpTestClient legacy = client(Era.LEGACY); McpTestClient modern = client(Era.MODERN)) {
            McpTestClient.Pending l = legacy.tool("request_info").send();
            McpTestClient.Pending m = modern.tool("request_info").send();
            McpTestClient.Reply lr = l.await();
            McpTestClient.Reply mr = m.await();
            assertEquals(Era.LEGACY_VERSION + "|contract-legacy|" + Era.LEGACY_VERSION, lr.text());
            assertFalse(lr.result().containsKey("resultType"));
            assertEquals(Era.MODERN_VERSION + "|contract-modern|" + Era.MODERN_VERSION, mr.text());
            assertEquals("complete", mr.result().getString("resultType"));
        }
    }

    @Test
    default void oneConnectionServesAModernRequestAfterTheLegacyHandshake() {
        assumeTrue(has(Capability.CONNECTION), "an HTTP 2026-07-28 request is a connection of its own");
        try (McpTestClient c = legacyClient("2025-06-18")) {
            assertEquals("2025-06-18|contract-legacy|2025-06-18", c.tool("request_info").call().text());
            McpTestClient.Reply modern = c.tool("request_info").meta(PROTOCOL_VERSION, Json.createValue(Era.MODERN_VERSION))
                    .meta(CLIENT_CAPABILITIES, obj().build()).meta(CLIENT_INFO, obj().add("name", "it-modern").build()).call();
            assertEquals(Era.MODERN_VERSION + "|it-modern|" + Era.MODERN_VERSION, modern.text());
            assertEquals("complete", modern.result().getString("resultType"));
            assertEquals("2025-06-18|contract-legacy|2025-06-18", c.tool("request_info").call().text(),
                    "the handshake still holds for requests without _meta");
        }
    }
}

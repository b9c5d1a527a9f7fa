package dev.mcpws.it;

import static dev.mcpws.it.WsClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The handshake era: initialize, version negotiation, the lifecycle rule, and 2025-03-26 batches. */
@RunAsClient
class LegacyEraIT extends McpIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar();
    }

    private static JsonObject initParams(String version) {
        return Json.createObjectBuilder().add("protocolVersion", version)
                .add("capabilities", Json.createObjectBuilder())
                .add("clientInfo", Json.createObjectBuilder().add("name", "t").add("version", "1")).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"})
    void negotiatesEverySupportedVersion(String version) {
        try (WsClient c = connect("mcp")) {
            JsonObject result = c.call("initialize", initParams(version));
            assertEquals(version, result.getString("protocolVersion"));
            assertEquals("mcp-it", result.getJsonObject("serverInfo").getString("name"));
            assertEquals("9.9.9", result.getJsonObject("serverInfo").getString("version"));
            assertTrue(result.getJsonObject("capabilities").getJsonObject("tools").getBoolean("listChanged"));
            assertEquals("Use the echo tool.", result.getString("instructions"));
            assertFalse(result.containsKey("resultType"), "legacy results carry no resultType");
        }
    }

    @Test
    void answersAnUnknownVersionWithTheNewestLegacyOne() {
        try (WsClient c = connect("mcp")) {
            assertEquals(LEGACY, c.call("initialize", initParams("1999-01-01")).getString("protocolVersion"));
        }
        try (WsClient c = connect("mcp")) {
            assertEquals(LEGACY, c.call("initialize", initParams(MODERN)).getString("protocolVersion"));
        }
    }

    @Test
    void onlyPingIsAllowedBeforeInitialize() {
        try (WsClient c = connect("mcp")) {
            assertTrue(c.call("ping", null).isEmpty());
            JsonObject early = c.request("tools/list", null);
            assertError(early, -32602);
            assertTrue(early.getJsonObject("error").getString("message").contains("initialize"), early::toString);
            c.call("initialize", initParams(LEGACY));
            assertTrue(c.call("tools/list", null).containsKey("tools"));
        }
    }

    @Test
    void secondInitializeIsRejected() {
        try (WsClient c = legacy(LEGACY)) {
            assertError(c.request("initialize", initParams(LEGACY)), -32600);
        }
    }

    @Test
    void modernOnlyMethodsNeedModernMeta() {
        try (WsClient c = legacy(LEGACY)) {
            assertError(c.request("server/discover", null), -32602);
        }
    }

    @Test
    void toolFieldsFollowTheNegotiatedVersion() {
        try (WsClient c = legacy("2024-11-05")) {
            JsonObject calc = tool(c.call("tools/list", null).getJsonArray("tools"), "calculate");
            assertFalse(calc.containsKey("title"));
            assertFalse(calc.containsKey("annotations"));
            assertFalse(calc.containsKey("outputSchema"));
            JsonObject result = c.call("tools/call", toolCall("calculate", args().add("a", 2).add("operation", "add").add("b", 3)));
            assertFalse(result.containsKey("structuredContent"));
            assertTrue(text(result).contains("\"result\":5"), result::toString);
        }
        try (WsClient c = legacy("2025-03-26")) {
            JsonObject calc = tool(c.call("tools/list", null).getJsonArray("tools"), "calculate");
            assertTrue(calc.containsKey("annotations"));
            assertFalse(calc.containsKey("title"));
        }
        try (WsClient c = legacy(LEGACY)) {
            JsonObject calc = tool(c.call("tools/list", null).getJsonArray("tools"), "calculate");
            assertEquals("Calculator", calc.getString("title"));
            assertEquals("object", calc.getJsonObject("outputSchema").getString("type"));
            assertTrue(calc.getJsonObject("annotations").getBoolean("readOnlyHint"));
            JsonObject result = c.call("tools/call", toolCall("calculate", args().add("a", 6).add("operation", "multiply").add("b", 7)));
            assertEquals(42, result.getJsonObject("structuredContent").getJsonNumber("result").intValue());
        }
    }

    static JsonObject tool(JsonArray tools, String name) {
        return tools.stream().map(JsonObject.class::cast).filter(t -> t.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no tool " + name + " in " + tools));
    }

    @Test
    void batchesAreServedIn20250326() {
        try (WsClient c = legacy("2025-03-26")) {
            c.sendText("[{\"jsonrpc\":\"2.0\",\"id\":101,\"method\":\"ping\"},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":102,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"b\"}}},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":103,\"method\":\"no/such\"}]");
            JsonArray batch = c.await(m -> m.containsKey("batch"), "batch response").getJsonArray("batch");
            assertEquals(3, batch.size(), batch::toString);
            Set<Integer> ids = new HashSet<>();
            for (JsonObject r : batch.getValuesAs(JsonObject.class)) {
                ids.add(r.getInt("id"));
                if (r.getInt("id") == 103) {
                    assertError(r, -32601);
                }
                if (r.getInt("id") == 102) {
                    assertEquals("b", text(r.getJsonObject("result")));
                }
            }
            assertEquals(Set.of(101, 102, 103), ids);
        }
    }

    @Test
    void batchesAreRejectedInOtherVersions() {
        try (WsClient c = legacy(LEGACY)) {
            c.sendText("[{\"jsonrpc\":\"2.0\",\"id\":201,\"method\":\"ping\"}]");
            JsonObject error = c.await(m -> m.containsKey("error"), "batch rejection");
            assertError(error, -32600);
            assertTrue(c.call("ping", null).isEmpty());
        }
    }

    @Test
    void emptyBatchIsInvalid() {
        try (WsClient c = legacy("2025-03-26")) {
            c.sendText("[]");
            assertError(c.await(m -> m.containsKey("error"), "empty batch error"), -32600);
        }
    }
}

package dev.mcpws.it;

import static dev.mcpws.it.WsClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** The stateless era: server/discover, _meta validation, resultType, caching hints, serverInfo. */
@RunAsClient
class ModernEraIT extends McpIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar();
    }

    @Test
    void discoverDescribesTheServer() {
        try (WsClient c = connect("mcp")) {
            JsonObject r = c.call("server/discover", modern());
            assertEquals("complete", r.getString("resultType"));
            List<String> versions = r.getJsonArray("supportedVersions").getValuesAs(JsonString::getString);
            assertEquals(List.of(MODERN, "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"), versions);
            assertTrue(r.getJsonObject("capabilities").containsKey("tools"));
            assertEquals(1234, r.getJsonNumber("ttlMs").longValue());
            assertEquals("public", r.getString("cacheScope"));
            assertEquals("Use the echo tool.", r.getString("instructions"));
            JsonObject serverInfo = r.getJsonObject("_meta").getJsonObject("io.modelcontextprotocol/serverInfo");
            assertEquals("mcp-it", serverInfo.getString("name"));
            assertEquals("MCP IT server", serverInfo.getString("title"));
        }
    }

    @Test
    void missingMetaKeysAreNamed() {
        try (WsClient c = connect("mcp")) {
            JsonObject none = c.request("tools/list", null);
            assertError(none, -32602);
            String message = none.getJsonObject("error").getString("message");
            assertTrue(message.contains("io.modelcontextprotocol/protocolVersion"), message);
            assertTrue(message.contains("io.modelcontextprotocol/clientCapabilities"), message);

            JsonObject onlyVersion = c.request("tools/list", Json.createObjectBuilder().add("_meta",
                    Json.createObjectBuilder().add("io.modelcontextprotocol/protocolVersion", MODERN)).build());
            assertError(onlyVersion, -32602);
            String m2 = onlyVersion.getJsonObject("error").getString("message");
            assertTrue(m2.contains("clientCapabilities") && !m2.contains("protocolVersion"), m2);
            assertEquals(List.of("io.modelcontextprotocol/clientCapabilities"), onlyVersion.getJsonObject("error")
                    .getJsonObject("data").getJsonArray("missing").getValuesAs(JsonString::getString));
        }
    }

    @Test
    void unsupportedVersionIsRejectedWithTheSupportedList() {
        try (WsClient c = connect("mcp")) {
            JsonObject params = Json.createObjectBuilder().add("_meta", Json.createObjectBuilder()
                    .add("io.modelcontextprotocol/protocolVersion", "2099-01-01")
                    .add("io.modelcontextprotocol/clientCapabilities", Json.createObjectBuilder())).build();
            JsonObject r = c.request("server/discover", params);
            assertError(r, -32022);
            JsonObject data = r.getJsonObject("error").getJsonObject("data");
            assertEquals("2099-01-01", data.getString("requested"));
            assertTrue(data.getJsonArray("supported").getValuesAs(JsonString::getString).contains(MODERN));
        }
    }

    @Test
    void everyResultCarriesResultTypeAndServerInfo() {
        try (WsClient c = connect("mcp")) {
            JsonObject list = c.call("tools/list", modern());
            assertEquals("complete", list.getString("resultType"));
            assertEquals(1234, list.getJsonNumber("ttlMs").longValue());
            assertEquals("public", list.getString("cacheScope"));
            assertTrue(list.getJsonObject("_meta").containsKey("io.modelcontextprotocol/serverInfo"));

            JsonObject call = c.call("tools/call", modern(Json.createObjectBuilder().add("name", "echo")
                    .add("arguments", args().add("text", "modern"))));
            assertEquals("complete", call.getString("resultType"));
            assertEquals("modern", text(call));
            assertFalse(call.containsKey("ttlMs"), "tools/call results are not cacheable");
            assertTrue(call.getJsonObject("_meta").containsKey("io.modelcontextprotocol/serverInfo"));
        }
    }

    @Test
    void legacyOnlyMethodsDoNotExist() {
        try (WsClient c = connect("mcp")) {
            assertError(c.request("ping", modern()), -32601);
            assertError(c.request("logging/setLevel", modern(Json.createObjectBuilder().add("level", "info"))), -32601);
        }
    }

    @Test
    void eachRequestStandsAlone() {
        try (WsClient c = connect("mcp")) {
            c.call("tools/list", modern());
            // an earlier complete request does not excuse a later one from carrying _meta
            assertError(c.request("tools/list", null), -32602);
            JsonObject info = c.call("tools/call", modern(Json.createObjectBuilder().add("name", "request_info")));
            assertEquals(MODERN + "|it-modern|" + MODERN, text(info));
        }
    }
}

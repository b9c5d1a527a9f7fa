package dev.mcpws.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.it.McpIT;
import dev.mcpws.it.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ForeignTsServer} serves MCP (legacy handshake) over WebSocket: a raw JDK client sees its tools. */
class ForeignTsServerIT {

    @Test
    @Timeout(60)
    void initializeAndListTools() {
        ForeignTsServer ts = ForeignTsServer.start();
        try (ts; WsClient c = WsClient.connect(ts.wsUri(), "mcp")) {
            assertEquals("mcp", c.subprotocol());
            JsonObject init = c.call("initialize", Json.createObjectBuilder()
                    .add("protocolVersion", McpIT.LEGACY)
                    .add("capabilities", Json.createObjectBuilder())
                    .add("clientInfo", Json.createObjectBuilder().add("name", "foreign-it").add("version", "1"))
                    .build());
            assertEquals(McpIT.LEGACY, init.getString("protocolVersion"), ts::stderr);
            assertEquals("ts-foreign-server", init.getJsonObject("serverInfo").getString("name"));
            c.notify("notifications/initialized", JsonValue.EMPTY_JSON_OBJECT);

            List<JsonObject> tools = c.call("tools/list", JsonValue.EMPTY_JSON_OBJECT).getJsonArray("tools")
                    .getValuesAs(JsonObject.class);
            List<String> names = tools.stream().map(t -> t.getString("name")).toList();
            assertTrue(names.containsAll(List.of("add", "echo")), "tools: " + names);
            JsonObject add = tools.stream().filter(t -> t.getString("name").equals("add")).findFirst().orElseThrow();
            assertTrue(add.getJsonObject("annotations").getBoolean("readOnlyHint"));

            JsonObject sum = c.call("tools/call", McpIT.toolCall("add", McpIT.args().add("a", 2).add("b", 3)));
            assertEquals("5", McpIT.text(sum));
            JsonObject memo = c.call("resources/read", Json.createObjectBuilder().add("uri", "memo://greeting").build());
            assertEquals("hello from ts", memo.getJsonArray("contents").getJsonObject(0).getString("text"));
        }
        assertFalse(ts.isAlive(), "node exits on close()");
    }
}

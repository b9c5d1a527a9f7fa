package dev.mcpws.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mcpws.it.McpIT;
import dev.mcpws.it.WsClient;
import dev.mcpws.it.fixtures.ClientRelay;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The client inside Liberty: a tool of the deployed application uses {@link McpClient} with the container's own
 * WebSocket client (not Tyrus) to call another MCP server (here: its own endpoint) and reports what it got.
 */
class InsideLibertyIT extends McpIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return testWar().addClass(ClientRelay.class);
    }

    @Test
    void aDeployedBeanCallsAnMcpServerThroughTheContainersWebSocketClient() {
        try (WsClient c = legacy(LEGACY)) {
            JsonObject r = c.call("tools/call", Json.createObjectBuilder().add("name", "relay_echo")
                    .add("arguments", Json.createObjectBuilder().add("url", wsUri().toString()).add("text", "relayed"))
                    .build());
            String[] parts = r.getJsonArray("content").getJsonObject(0).getString("text").split("\\|");
            assertEquals(3, parts.length, r.toString());
            assertFalse(parts[0].contains("tyrus"), "Liberty's own container: " + parts[0]);
            assertEquals("MODERN", parts[1]);
            assertEquals("relayed", parts[2]);
        }
    }
}

package dev.mcpws.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.client.McpClient;
import dev.mcpws.client.ProtocolEra;
import dev.mcpws.client.ServerDescription;
import dev.mcpws.client.ToolInfo;
import dev.mcpws.it.support.ForeignTsServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our client against a server nobody here wrote: the official TypeScript SDK's {@code McpServer} over a {@code ws}
 * WebSocket server. It speaks only the legacy era, so the client's probe must fall back to {@code initialize}.
 */
@Timeout(120)
class ForeignServerIT {

    @Test
    void probesFallsBackToLegacyAndUsesEveryFeature() {
        try (ForeignTsServer ts = ForeignTsServer.start();
                McpClient client = McpClient.builder(ts.wsUri()).build()) {
            ServerDescription server = client.connect();
            assertEquals(ProtocolEra.LEGACY, server.era(), "server/discover is unknown there: legacy");
            assertEquals("ts-foreign-server", server.name());
            assertEquals("2025-11-25", server.protocolVersion());

            List<ToolInfo> tools = client.listTools();
            assertTrue(tools.stream().anyMatch(t -> t.name().equals("add") && t.readOnly()), tools.toString());
            assertEquals("5", client.callTool("add", Map.of("a", 2, "b", 3)).text());
            assertEquals("hello", client.callTool("echo", Map.of("message", "hello")).text());
            assertEquals("hello from ts", client.readResource("memo://greeting").text());
            assertTrue(client.listPrompts().stream().anyMatch(p -> p.name().equals("greet")));
            assertEquals("Hello, Ada!", client.getPrompt("greet", Map.of("name", "Ada")).text(0));
        }
    }
}

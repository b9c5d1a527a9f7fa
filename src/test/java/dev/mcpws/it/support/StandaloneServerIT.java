package dev.mcpws.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.it.McpIT;
import dev.mcpws.it.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link StandaloneServer} works: a real Liberty beside the Arquillian one that serves MCP, stops (open sockets close,
 * new connects are refused) and starts again on the same port.
 */
class StandaloneServerIT {

    @Test
    @Timeout(300)
    void startsStopsAndRestartsOnTheSamePort() {
        try (StandaloneServer server = new StandaloneServer("standaloneServerIT", StandaloneServer.rootTestWar(""))) {
            server.start();
            URI uri = server.wsUri();
            assertEquals("ws://localhost:" + server.port() + "/mcp", uri.toString());
            int port = server.port();

            WsClient first = WsClient.connect(uri, "mcp");
            assertEquals(McpIT.LEGACY, initialize(first).getString("protocolVersion"));

            server.stop();
            assertFalse(server.isRunning());
            int code = first.awaitClose();
            System.out.println("[StandaloneServerIT] close code seen by an open socket when the server stops: " + code);
            assertTrue(code == 1001 || code == 1006 || code == -1, "close code on server stop: " + code);
            assertFalse(StandaloneServer.accepts(port), "port " + port + " still accepts after stop");
            assertThrows(RuntimeException.class, () -> WsClient.connect(uri, "mcp"), "connect to a stopped server");

            server.start();
            assertEquals(port, server.port());
            try (WsClient second = WsClient.connect(uri, "mcp")) {
                JsonObject result = initialize(second);
                assertEquals(McpIT.LEGACY, result.getString("protocolVersion"));
                assertEquals("mcp-it", result.getJsonObject("serverInfo").getString("name"));
            }

            // the same server behind a TcpProxy: a network cut closes the client's socket, the next connect works
            try (TcpProxy proxy = new TcpProxy("localhost", server.port())) {
                WsClient viaProxy = WsClient.connect(proxy.proxied(uri), "mcp");
                assertEquals(McpIT.LEGACY, initialize(viaProxy).getString("protocolVersion"));
                assertEquals(1, proxy.connectionCount());
                proxy.dropAll();
                int cut = viaProxy.awaitClose();
                assertTrue(cut == 1006 || cut == -1, "close code after a network cut: " + cut);
                try (WsClient again = WsClient.connect(proxy.proxied(uri), "mcp")) {
                    assertEquals(McpIT.LEGACY, initialize(again).getString("protocolVersion"));
                }
            }
        }
    }

    private static JsonObject initialize(WsClient c) {
        return c.call("initialize", Json.createObjectBuilder()
                .add("protocolVersion", McpIT.LEGACY)
                .add("capabilities", Json.createObjectBuilder())
                .add("clientInfo", Json.createObjectBuilder().add("name", "standalone-it").add("version", "1"))
                .build());
    }
}

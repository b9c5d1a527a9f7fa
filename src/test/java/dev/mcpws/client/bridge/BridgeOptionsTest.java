package dev.mcpws.client.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.client.Heartbeat;
import dev.mcpws.client.WebSocketSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BridgeOptionsTest {

    @Test
    void parsesTheCommandLine(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "one\n");
        WebSocketSettings s = BridgeOptions.parse(new String[] {"wss://example.test/mcp", "--header", "X-Tenant: acme",
                "--header", "X-Other:2", "--token-file", token.toString(), "--insecure", "--ping-seconds", "6",
                "--max-backoff-seconds", "2"}).settings();
        assertEquals("wss://example.test/mcp", s.uri().toString());
        assertEquals(Map.of("X-Tenant", "acme", "X-Other", "2"), s.headers());
        assertEquals("one", s.bearerToken().get());
        Files.writeString(token, "two");
        assertEquals("two", s.bearerToken().get(), "re-read on every connection attempt");
        assertTrue(s.insecure());
        assertEquals(new Heartbeat(Duration.ofSeconds(6), Duration.ofSeconds(3)), s.heartbeat());
        assertTrue(s.reconnect().maxElapsed().isZero(), "the bridge retries forever by default");
        assertEquals(Duration.ofSeconds(2), s.reconnect().maxDelay());
    }

    @Test
    void defaults() {
        WebSocketSettings s = BridgeOptions.parse(new String[] {"ws://localhost:9080/mcp"}).settings();
        assertNull(s.bearerToken());
        assertNull(s.sslContext());
        assertEquals(Heartbeat.DEFAULT, s.heartbeat());
        assertNotNull(BridgeOptions.parse(new String[] {"ws://h/mcp", "--max-reconnect-seconds", "60"}).settings()
                .reconnect().maxElapsed());
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> BridgeOptions.parse(new String[0]));
        assertThrows(IllegalArgumentException.class, () -> BridgeOptions.parse(new String[] {"http://h/mcp"}));
        assertThrows(IllegalArgumentException.class, () -> BridgeOptions.parse(new String[] {"ws://h/mcp", "--header", "x"}));
        assertThrows(IllegalArgumentException.class, () -> BridgeOptions.parse(new String[] {"ws://h/mcp", "--nope"}));
        assertThrows(IllegalArgumentException.class, () -> BridgeOptions.parse(new String[] {"ws://h/mcp", "--token-env"}));
        assertThrows(IllegalArgumentException.class,
                () -> BridgeOptions.parse(new String[] {"ws://h/mcp", "--truststore", "/no/such/file"}));
    }
}

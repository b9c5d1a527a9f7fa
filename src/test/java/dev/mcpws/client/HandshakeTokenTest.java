package dev.mcpws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Where the client puts its bearer token in the upgrade request: {@code Authorization} by default, the subprotocol
 * {@code mcp.auth.<base64url token>} next to {@code mcp} on request. A plain server socket reads the request and
 * hangs up (the connect then fails; what matters is what was sent).
 */
class HandshakeTokenTest {

    private static String upgradeRequest(boolean inSubprotocol) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> head = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    while (!b.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                        int c = in.read();
                        if (c < 0) {
                            break;
                        }
                        b.write(c);
                    }
                    return b.toString(StandardCharsets.ISO_8859_1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (McpClient c = McpClient.builder(URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/mcp"))
                    .bearerToken(() -> "tok/en+1").tokenInSubprotocol(inSubprotocol)
                    .reconnect(ReconnectPolicy.NEVER).connectTimeout(Duration.ofSeconds(5)).build()) {
                assertThrows(RuntimeException.class, c::connect);
            }
            return head.get(10, TimeUnit.SECONDS);
        }
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    @Test
    void byDefaultTheTokenTravelsInAuthorization() throws Exception {
        String head = upgradeRequest(false);
        assertEquals("Bearer tok/en+1", header(head, "Authorization"), head);
        assertFalse(head.contains("mcp.auth."), head);
    }

    @Test
    void onRequestItTravelsAsASubprotocolNextToMcp() throws Exception {
        String head = upgradeRequest(true);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString("tok/en+1".getBytes(StandardCharsets.UTF_8));
        String protocols = header(head, "Sec-WebSocket-Protocol");
        assertTrue(protocols != null && protocols.replace(" ", "").equals("mcp,mcp.auth." + encoded), head);
        assertEquals(null, header(head, "Authorization"), head);
    }
}

package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** The upgrade: subprotocol selection and the Origin policy. */
@RunAsClient
class HandshakeIT extends McpIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar();
    }

    @Test
    void selectsMcpWhenOffered() {
        try (WsClient c = connect("mcp")) {
            assertEquals("mcp", c.subprotocol());
            assertTrue(c.request("ping", null).containsKey("result"));
        }
    }

    @Test
    void selectsMcpAmongOthers() {
        try (WsClient c = connect("foo", "mcp")) {
            assertEquals("mcp", c.subprotocol());
        }
    }

    @Test
    void acceptsClientsThatOfferNoSubprotocol() {
        try (WsClient c = connect()) {
            assertEquals("", c.subprotocol());
            assertTrue(c.request("ping", null).containsKey("result"));
        }
    }

    @Test
    void neverEchoesAnUnknownSubprotocol() {
        try (WsClient c = connect("graphql-ws")) {
            assertEquals("", c.subprotocol());
        }
    }

    @Test
    void acceptsAnAllowedOrigin() {
        try (WsClient c = WsClient.connect(wsUri(), Map.of("Origin", "http://allowed.example"), "mcp")) {
            assertTrue(c.request("ping", null).containsKey("result"));
        }
    }

    /** The test deployment lists {@code mcp.allowed-hosts=mcp.test}: the request's own origin is then accepted. */
    @Test
    void acceptsTheSameOriginUnderAListedHost() throws java.io.IOException {
        String host = "mcp.test:" + base.getPort();
        String path = base.getPath() + "mcp";
        assertEquals(101, RawHttp.exchange("localhost", base.getPort(),
                RawHttp.upgrade(path, host, "Origin: http://" + host + "\r\n")).status());
        assertEquals(403, RawHttp.exchange("localhost", base.getPort(),
                RawHttp.upgrade(path, host, "Origin: http://mcp.test:1\r\n")).status(), "another port");
        assertEquals(403, RawHttp.exchange("localhost", base.getPort(),
                RawHttp.upgrade(path, "other.test:" + base.getPort(), "")).status(), "a Host not listed");
    }

    /**
     * An upgrade leaves no HTTP session behind: Liberty's handshake asks for one (and so creates one per socket, kept
     * for the 30-minute session timeout, which a reconnecting crowd turns into heap), and the 101 would carry its
     * {@code Set-Cookie: JSESSIONID}.
     */
    @Test
    void anUpgradeLeavesNoHttpSession() throws java.io.IOException {
        RawHttp.Response r = RawHttp.exchange("localhost", base.getPort(),
                RawHttp.upgrade(base.getPath() + "mcp", "localhost:" + base.getPort(), ""));
        assertEquals(101, r.status(), r.head());
        assertEquals(null, r.header("Set-Cookie"), r.head());
    }

    private static final class NoopListener implements WebSocket.Listener {
    }

    @Test
    void refusesAForeignOriginWith403() {
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", "http://evil.example")
                        .buildAsync(wsUri(), new NoopListener()).join());
        assertTrue(e.getCause() instanceof WebSocketHandshakeException, () -> "got " + e.getCause());
        assertEquals(403, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
    }
}

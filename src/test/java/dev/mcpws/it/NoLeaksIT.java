package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Nothing of the server's insides reaches a peer: no class names, stack frames or container messages in close
 * reasons or HTTP bodies, including errors the container raises itself while reading a frame or a chunked body.
 * Every case is sent on a raw socket, as no well-behaved client would send it.
 */
@RunAsClient
class NoLeaksIT extends McpIT {

    /** Package names, exception class names, stack frames, source positions. */
    static final Pattern INTERNALS = Pattern.compile(
            "(?i)\\b(com|org|java|javax|jakarta|sun|io|dev)\\.[a-z0-9_]+\\.|exception|\\bat [a-z]|\\.java:\\d+|\\bwsoc\\b|liberty|websphere");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar();
    }

    static void assertNoInternals(String what, String text) {
        assertFalse(INTERNALS.matcher(text).find(), () -> what + " leaks server internals: " + text);
    }

    private String closeReason(int firstByte, byte[] payload) throws IOException {
        try (RawWsClient c = RawWsClient.connect(wsUri(), 0)) {
            c.sendFrame(firstByte, payload);
            RawWsClient.Frame close = c.readCloseFrame();
            assertNotNull(close, "a close frame");
            String reason = close.payload().length > 2
                    ? new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8) : "";
            assertNoInternals("close " + close.closeCode(), reason);
            return close.closeCode() + " " + reason;
        }
    }

    /**
     * Liberty answers a frame it cannot parse (a reserved opcode) itself, with its message CWWKH0030E as the reason,
     * which names its own endpoint wrapper ({@code com.ibm.ws.wsoc.AnnotatedEndpoint}); it calls neither
     * {@code @OnError} nor lets {@code @OnClose} change the frame. What the application controls is asserted: 1002,
     * nothing of the application, no stack frames.
     */
    @Test
    void aReservedOpcodeClosesWith1002AndNothingOfTheApplication() throws IOException {
        try (RawWsClient c = RawWsClient.connect(wsUri(), 0)) {
            c.sendFrame(0x80 | 0x3, new byte[] {1});
            RawWsClient.Frame close = c.readCloseFrame();
            assertNotNull(close, "a close frame");
            String reason = new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8);
            assertEquals(1002, close.closeCode(), reason);
            assertFalse(Pattern.compile("dev\\.mcpws|\\.java:\\d+|\\bat [a-z]+\\.").matcher(reason).find(), reason);
        }
    }

    @Test
    void reservedBitsCloseWithAGenericReason() throws IOException {
        String close = closeReason(0x80 | 0x40 | 0x1, "{}".getBytes(StandardCharsets.UTF_8));
        assertTrue(close.startsWith("1002"), close);
    }

    @Test
    void anInvalidCloseCodeClosesWithAGenericReason() throws IOException {
        String close = closeReason(0x80 | 0x8, new byte[] {0x03, (byte) 0xe7}); // 999
        assertTrue(close.startsWith("1002"), close);
    }

    @Test
    void badUtf8InATextFrameClosesWithAGenericReason() throws IOException {
        String close = closeReason(0x80 | 0x1, new byte[] {'"', (byte) 0xc3, 0x28, '"'});
        assertTrue(close.startsWith("1007"), close);
    }

    @Test
    void aMalformedChunkedPostGetsABodyWithoutInternals() throws IOException {
        String request = "POST " + base.getPath() + "mcp HTTP/1.1\r\nHost: localhost:" + base.getPort()
                + "\r\nConnection: close\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: server/discover\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";
        RawHttp.Response r = RawHttp.exchange("localhost", base.getPort(), request);
        assertTrue(r.status() >= 400 && r.status() < 500, r.head() + "\n" + r.body());
        assertNoInternals("HTTP " + r.status(), r.body());
        assertNoInternals("HTTP headers", r.head());
    }

    @Test
    void aTruncatedChunkedPostGetsABodyWithoutInternals() throws IOException {
        String request = "POST " + base.getPath() + "mcp HTTP/1.1\r\nHost: localhost:" + base.getPort()
                + "\r\nConnection: close\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: server/discover\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"jsonrpc\":\"2.0\"}\r\n0\r\n\r\n";
        RawHttp.Response r = RawHttp.exchange("localhost", base.getPort(), request);
        assertTrue(r.status() >= 400 && r.status() < 500, r.head() + "\n" + r.body());
        assertNoInternals("HTTP " + r.status(), r.body());
    }

    @Test
    void aContainerErrorPageCarriesNoInternals() throws IOException {
        // a method the servlet does not serve, a path nothing serves: the container answers itself
        for (String line : new String[] {"TRACE " + base.getPath() + "mcp", "GET " + base.getPath() + "nothing-here",
                "GET " + base.getPath() + "mcp/%zz"}) {
            RawHttp.Response r = RawHttp.exchange("localhost", base.getPort(), line + " HTTP/1.1\r\nHost: localhost:"
                    + base.getPort() + "\r\nConnection: close\r\n\r\n");
            assertTrue(r.status() >= 400, line + ": " + r.head());
            assertNoInternals(line + " -> " + r.status(), r.body());
        }
    }

    @Test
    void anInternalErrorOfAToolSaysNothingOfIt() {
        try (WsClient c = legacy(LEGACY)) {
            var response = c.request("tools/call", toolCall("fail_unexpected", args()));
            String text = response.toString();
            assertNoInternals("tools/call fail_unexpected", text);
            assertFalse(text.contains("secret internal detail"), text);
        }
    }
}

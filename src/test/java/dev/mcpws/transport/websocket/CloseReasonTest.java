package dev.mcpws.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import org.junit.jupiter.api.Test;

/** What {@code @OnError} closes a socket with: a code by kind of error, never the exception's message. */
class CloseReasonTest {

    private static String of(Throwable t) {
        CloseReason r = McpEndpoint.closeReasonOf(t);
        return r.getCloseCode().getCode() + " " + r.getReasonPhrase();
    }

    @Test
    void genericReasonsOnly() {
        assertEquals("1007 invalid UTF-8 in a text message",
                of(new IOException("com.ibm.ws.wsoc.Secret", new MalformedInputException(1))));
        assertEquals("1002 protocol error", of(new IOException("com.ibm.ws.wsoc.link.LinkRead 157")));
        assertEquals("1011 internal error", of(new IllegalStateException("dev.mcpws.Secret at line 3")));
    }

    @Test
    void aVanishedPeerIsCounted1006NotAnInternalError() {
        assertEquals(1006, McpEndpoint.observedCode(1011, false), "Liberty's report of a reset or end of stream");
        assertEquals(1011, McpEndpoint.observedCode(1011, true), "a 1011 the server sent");
        assertEquals(1000, McpEndpoint.observedCode(1000, false));
        assertEquals(true, McpEndpoint.peerGone(new java.io.IOException("Connection reset")));
        assertEquals(false, McpEndpoint.peerGone(new MalformedInputException(1)));
        assertEquals(false, McpEndpoint.peerGone(new IllegalStateException("ours")));
    }
}

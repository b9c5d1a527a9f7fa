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
}

package dev.mcpws.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.protocol.JsonRpcNotification;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** McpSession on its own: sending, attributes, close listeners. */
class McpSessionTest {

    private final EngineHarness.RecordingConnection connection = new EngineHarness.RecordingConnection("s1");
    private final McpSession session = new McpSession(connection);

    @Test
    void sendsUntilClosed() {
        assertEquals("s1", session.id());
        assertFalse(session.isClosed());
        session.send(new JsonRpcNotification("a", null));
        session.close();
        session.send(new JsonRpcNotification("b", null));
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"method\":\"a\"}"), connection.sent());
        assertTrue(session.isClosed());
    }

    @Test
    void listenersRunOnceInOrderIncludingOnesAddedWhileClosing() {
        List<String> ran = new CopyOnWriteArrayList<>();
        Runnable shared = () -> ran.add("shared");
        session.onClose(() -> ran.add("a"));
        session.onClose(() -> {
            ran.add("b");
            session.onClose(() -> ran.add("added while closing"));
        });
        session.onClose(shared);
        session.onClose(shared); // registered twice: runs twice
        session.close();
        session.close();
        assertEquals(List.of("a", "b", "added while closing", "shared", "shared"), ran);
        session.onClose(() -> ran.add("after"));
        assertEquals("after", ran.get(ran.size() - 1));
        assertEquals(6, ran.size());
    }

    @Test
    void attributesLiveWithTheSession() {
        session.attributes().put("k", "v");
        assertEquals("v", session.attributes().get("k"));
        assertEquals(0, session.inFlightCount());
        assertEquals(null, session.handshake());
        assertFalse(session.initializedNotified());
    }
}

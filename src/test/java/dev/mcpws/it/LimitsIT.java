package dev.mcpws.it;

import static dev.mcpws.it.WsClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Connection cap, in-flight cap, request timeouts and a client that stops reading. */
@RunAsClient
class LimitsIT extends McpIT {

    static final int MAX_CONNECTIONS = 12;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar(String.join("\n",
                "mcp.limits.max-connections=" + MAX_CONNECTIONS,
                "mcp.limits.max-in-flight=4",
                "mcp.request.timeout-ms=6000",
                "mcp.websocket.max-queued-messages=20",
                "mcp.websocket.send-timeout-ms=2000",
                "mcp.limits.retry-after-seconds=7"));
    }

    private static final class NoopListener implements WebSocket.Listener {
    }

    @Test
    void upgradesOverTheConnectionCapAreRefusedWith503() throws Exception {
        List<WsClient> open = new ArrayList<>();
        try {
            // fill the server (earlier tests' sockets may still be closing: wait for slots)
            for (int attempt = 0; open.size() < MAX_CONNECTIONS && attempt < 100; attempt++) {
                try {
                    open.add(connect("mcp"));
                } catch (CompletionException full) {
                    Thread.sleep(100);
                }
            }
            assertEquals(MAX_CONNECTIONS, open.size());
            CompletionException e = assertThrows(CompletionException.class, () -> HttpClient.newHttpClient()
                    .newWebSocketBuilder().buildAsync(wsUri(), new NoopListener()).join());
            WebSocketHandshakeException refused = (WebSocketHandshakeException) e.getCause();
            assertEquals(503, refused.getResponse().statusCode());
            assertEquals("7", refused.getResponse().headers().firstValue("Retry-After").orElse(null));
            assertEquals("DOWN", get("/health/ready").json().getString("status"), "at the cap the server is not ready");

            open.remove(0).close();
            WsClient again = null;
            for (int attempt = 0; again == null && attempt < 50; attempt++) {
                try {
                    again = connect("mcp");
                } catch (CompletionException stillFull) {
                    Thread.sleep(100);
                }
            }
            assertTrue(again != null, "a freed slot can be used again");
            open.add(again);
        } finally {
            open.forEach(WsClient::close);
        }
    }

    @Test
    void requestsOverTheInFlightCapGetTooManyRequests() {
        try (WsClient c = legacy(LEGACY)) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                // each runs until the 6 s request timeout, so all six overlap even on a slow, cold, shared machine
                ids.add(c.send("tools/call", toolCall("slow_task", args().add("steps", 100).add("stepMillis", 100))));
            }
            int admitted = 0;
            int refused = 0;
            for (long id : ids) {
                JsonObject r = c.awaitResponse(id);
                if (r.getJsonObject("error").getInt("code") == -32001) {
                    refused++;
                } else {
                    assertError(r, -32003);
                    admitted++;
                }
            }
            assertEquals(4, admitted, "the first four run (until their timeout)");
            assertEquals(2, refused, "the other two are refused");
            assertTrue(c.call("ping", null).isEmpty(), "once they finish, new requests are taken");
        }
    }

    @Test
    void aRequestPastTheTimeoutIsCancelledAndAnsweredWithAnError() throws Exception {
        try (WsClient c = legacy(LEGACY)) {
            long id = c.send("tools/call", toolCall("slow_task", args().add("steps", 40).add("stepMillis", 200)));
            JsonObject r = c.awaitResponse(id);
            assertError(r, -32003);
            long tool = c.send("tools/call", toolCall("sleepy", args()));
            assertError(c.awaitResponse(tool), -32003);
            assertTrue(c.drain(java.time.Duration.ofMillis(500)).stream().noneMatch(m -> m.containsKey("id")),
                    "nothing more is sent for timed-out requests");
        }
    }

    @Test
    void aClientThatStopsReadingCannotDelayOthersAndIsClosed() throws Exception {
        String bigText = "x".repeat(60_000);
        double closedBefore = metric("mcp_server_connections_closed_total", "close_code=\"1013\"");
        try (RawWsClient slow = RawWsClient.connect(wsUri(), 4096); WsClient other = legacy(LEGACY)) {
            slow.sendText("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"slow\",\"version\":\"1\"}}}");
            java.util.concurrent.atomic.AtomicInteger sentCount = new java.util.concurrent.atomic.AtomicInteger();
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 1; i <= 400; i++) {
                        slow.sendText("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                                + "\"arguments\":{\"text\":\"" + bigText + "\"}}}");
                        sentCount.set(i);
                    }
                } catch (java.io.IOException closedByServer) {
                    // the server gave up on this client while it was still sending: that is the point
                }
            });
            sender.setDaemon(true);
            sender.start();
            long until = System.currentTimeMillis() + 10_000; // by then the server has given up on it (or it would hang here)
            while (sender.isAlive() && System.currentTimeMillis() < until) {
                // the other client is served all along (each call waits at most WsClient.TIMEOUT)
                assertEquals("still fast", text(other.call("tools/call", toolCall("echo", args().add("text", "still fast")))));
                sender.join(200);
            }
            int sent = sentCount.get();
            assertTrue(sent > 20, "the slow client got to send " + sent + " requests first");
            assertEquals("still fast", text(other.call("tools/call", toolCall("echo", args().add("text", "still fast")))));
        }
        // the server closed the non-reading client with 1013 (counted once the TCP connection is gone)
        long deadline = System.currentTimeMillis() + 10_000;
        while (metric("mcp_server_connections_closed_total", "close_code=\"1013\"") < closedBefore + 1
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(closedBefore + 1, metric("mcp_server_connections_closed_total", "close_code=\"1013\""),
                "the non-reading client is closed with 1013");
    }
}

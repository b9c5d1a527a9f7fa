package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * A 2026-07-28 listener that stops reading never holds up the others: one change fanned out to every listen is
 * written to each by the transport's write threads, never by the thread that made the change. Shown on a real server
 * with a raw client that listens and then reads nothing, over WebSocket and over Streamable HTTP (an SSE response),
 * beside a healthy WebSocket listener: a tool reports 2,000 updates of a resource (8 MB to each listener) and the
 * healthy listener gets every one while the other's bytes pile up. The send timeout is set to a minute here, so
 * before the write threads (the changing thread wrote to each listener itself) the healthy listener waited for the
 * stuck write and this test timed out.
 */
@RunAsClient
class SlowListenerIT extends McpIT {

    static final int UPDATES = 2_000;
    static final String URI = "test://slow/" + "u".repeat(4_000);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar("slow-listener-it", "mcp.websocket.send-timeout-ms=60000");
    }

    static String listenRequest() {
        return Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", 1).add("method", "subscriptions/listen")
                .add("params", modern(Json.createObjectBuilder().add("notifications", Json.createObjectBuilder()
                        .add("resourceSubscriptions", Json.createArrayBuilder().add(URI))))).build().toString();
    }

    /** A healthy listener, acknowledged; a tool reports the updates; every one of them reaches the listener. */
    private void touchAndCountOnAHealthyListener() {
        try (WsClient healthy = connect("mcp"); WsClient caller = connect("mcp")) {
            long listen = healthy.send("subscriptions/listen", modern(Json.createObjectBuilder().add("notifications",
                    Json.createObjectBuilder().add("resourceSubscriptions", Json.createArrayBuilder().add(URI)))));
            healthy.await(m -> "notifications/subscriptions/acknowledged".equals(m.getString("method", null)),
                    "the acknowledgement");
            JsonObject done = caller.call("tools/call", modern(Json.createObjectBuilder().add("name", "touch_times")
                    .add("arguments", Json.createObjectBuilder().add("uri", URI).add("times", UPDATES))));
            assertEquals(String.valueOf(UPDATES), text(done), "the tool fanned every update out");
            for (int i = 0; i < UPDATES; i++) {
                JsonObject n = healthy.await(m -> "notifications/resources/updated".equals(m.getString("method", null)),
                        "update " + (i + 1) + " of " + UPDATES);
                assertEquals(listen, n.getJsonObject("params").getJsonObject("_meta")
                        .getJsonNumber("io.modelcontextprotocol/subscriptionId").longValue());
            }
        }
    }

    @Test
    void aWebSocketListenerThatStopsReadingHoldsUpNoOtherListener() throws Exception {
        try (RawWsClient stuck = RawWsClient.connect(wsUri(), 2048)) {
            stuck.sendText(listenRequest());
            RawWsClient.Frame ack = stuck.read();
            assertTrue(ack.text().contains("notifications/subscriptions/acknowledged"), ack.text());
            // from now on it reads nothing
            touchAndCountOnAHealthyListener();
        }
    }

    @Test
    void aStreamableHttpListenerThatStopsReadingHoldsUpNoOtherListener() throws Exception {
        String body = listenRequest();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(2048);
            stuck.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            stuck.setSoTimeout(20_000);
            String head = "POST " + base.getPath() + "mcp HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\n"
                    + "MCP-Protocol-Version: " + MODERN + "\r\n"
                    + "Mcp-Method: subscriptions/listen\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n";
            stuck.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            stuck.getOutputStream().write(bytes);
            stuck.getOutputStream().flush();
            // read up to the acknowledgement on its SSE response, then nothing more
            InputStream in = stuck.getInputStream();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            while (!seen.toString(StandardCharsets.UTF_8).contains("notifications/subscriptions/acknowledged")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the stream ended before the acknowledgement: " + seen);
                }
                seen.write(b);
            }
            assertTrue(seen.toString(StandardCharsets.UTF_8).contains("text/event-stream"), seen.toString());
            touchAndCountOnAHealthyListener();
        }
    }
}

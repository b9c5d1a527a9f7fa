package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * A hostile peer on real sockets: amplification, metric cardinality, exact JSON-RPC, fragmented messages past the
 * size limit, forged pongs, and connections that end in every odd way. After each, the connection count returns and
 * the server serves a new client. The malformed-input corpus ({@code src/test/resources/corpus}) runs here too.
 */
@RunAsClient
class HostilePeerIT extends McpIT {

    /** The size limit of the test deployment ({@code mcp.websocket.max-message-bytes} in the base configuration). */
    static final int LIMIT = 65536;
    static final int MAX_NOTIFICATIONS = 20;
    static final long CLOSE_TIMEOUT_MS = 2000;
    /** Few messages may wait per socket: only a client that stopped reading may be closed for it. */
    static final int MAX_QUEUED = 4;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar("hostile", String.join("\n",
                "mcp.limits.max-notifications-per-request=" + MAX_NOTIFICATIONS,
                "mcp.heartbeat.interval-ms=1000",
                "mcp.websocket.max-queued-messages=" + MAX_QUEUED,
                "mcp.websocket.max-queued-bytes=1048576",
                "mcp.heartbeat.max-missed=3",
                "mcp.websocket.close-timeout-ms=" + CLOSE_TIMEOUT_MS));
    }

    private static final String WS = "transport=\"websocket\"";

    private double active() {
        return metric("mcp_server_connections_active", WS);
    }

    private double closed(int code) {
        return metric("mcp_server_connections_closed_total", WS, "close_code=\"" + code + "\"");
    }

    /** Waits (bounded) until {@code value} is {@code expected}; returns the last value seen. */
    private static double await(DoubleSupplier value, double expected, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        double v = value.getAsDouble();
        while (v != expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100); // polls /metrics: the gauge has no push signal; bounded by the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            v = value.getAsDouble();
        }
        return v;
    }

    private void assertServesANewClient() {
        try (WsClient c = connect("mcp")) {
            assertTrue(c.request("ping", null).containsKey("result"));
        }
    }

    // ------------------------------------------------------------------ the corpus

    @Test
    void theMalformedInputCorpus() throws IOException {
        double before = await(this::active, 0, Duration.ofSeconds(20));
        List<Corpus.Case> cases = Corpus.load("amplification.json", "jsonrpc.json", "websocket-frames.json", "mcp.json");
        List<String> failures = new ArrayList<>();
        for (Corpus.Case c : cases) {
            String failure = Corpus.run(c, wsUri());
            if (failure != null) {
                failures.add(c.name() + " -> " + failure);
                System.out.println("CORPUS FAILURE " + c.name() + " -> " + failure);
            }
        }
        assertEquals(List.of(), failures, failures.size() + " of " + cases.size() + " corpus cases failed");
        assertEquals(before, await(this::active, before, Duration.ofSeconds(20)), "every corpus connection is released");
        assertServesANewClient();
    }

    // ------------------------------------------------------------------ amplification

    @Test
    void oneRequestSendsAtMostTheConfiguredNumberOfNotifications() throws InterruptedException {
        try (WsClient c = legacy(LEGACY)) {
            JsonObject params = Json.createObjectBuilder(toolCall("slow_task", args().add("steps", 200).add("stepMillis", 0)))
                    .add("_meta", Json.createObjectBuilder().add("progressToken", "p")).build();
            JsonObject response = c.awaitResponse(c.send("tools/call", params));
            assertEquals("Completed 200 steps", text(response.getJsonObject("result")));
            long progress = c.drain(Duration.ZERO).stream()
                    .filter(m -> "notifications/progress".equals(m.getString("method", ""))).count();
            assertEquals(MAX_NOTIFICATIONS, progress, "progress notifications before the response");
        }
    }

    // ------------------------------------------------------------------ exact JSON-RPC over HTTP

    /** The corpus checks the WebSocket; Streamable HTTP shares the codec: a lone surrogate comes back as sent. */
    @Test
    void loneSurrogatesSurviveStreamableHttpToo() throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":\"\\ud800\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"text\":\"a\\udc00\"},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "mcp")).timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json").header("Accept", "application/json")
                        .header("MCP-Protocol-Version", MODERN).header("Mcp-Method", "tools/call").header("Mcp-Name", "echo")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonObject response = Json.createReader(new java.io.StringReader(r.body())).readObject();
        assertEquals("\ud800", response.getString("id"), r.body());
        assertEquals("a\udc00", text(response.getJsonObject("result")), r.body());
    }

    // ------------------------------------------------------------------ metric cardinality

    @Test
    void namesAClientInventsNeverBecomeMetricTags() {
        String invented = "invented" + Long.toHexString(System.nanoTime());
        double otherMethods = metric("mcp_server_request_duration_seconds_count", "method=\"other\"");
        double otherTools = metric("mcp_server_request_duration_seconds_count", "method=\"tools/call\"", "name=\"other\"");
        try (WsClient c = legacy(LEGACY)) {
            WsClient.assertError(c.request(invented + "/method", null), -32601);
            WsClient.assertError(c.request("tools/call", toolCall(invented + "_tool", args())), -32602);
            WsClient.assertError(c.request("prompts/get", Json.createObjectBuilder().add("name", invented + "_prompt").build()), -32602);
            assertTrue(c.request("tools/call", toolCall("echo", args().add("text", "x"))).containsKey("result"));
        }
        try (RawWsClient raw = RawWsClient.connect(wsUri(), 0)) {
            raw.sendFrame(0x88, new byte[] {0x10, (byte) 0xe1}); // 4321: a code the client chose
            raw.readCloseFrame();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        await(() -> metric("mcp_server_connections_closed_total", WS, "close_code=\"other\""), 1, Duration.ofSeconds(20));
        String metrics = get("/metrics").body();
        assertFalse(metrics.contains(invented), "an invented name is a metric tag");
        assertFalse(metrics.contains("close_code=\"4321\""), "a client's close code is a metric tag");
        assertEquals(otherMethods + 1, metric("mcp_server_request_duration_seconds_count", "method=\"other\""));
        assertEquals(otherTools + 1, metric("mcp_server_request_duration_seconds_count", "method=\"tools/call\"", "name=\"other\""));
        assertTrue(metric("mcp_server_request_duration_seconds_count", "method=\"tools/call\"", "name=\"echo\"") >= 1,
                "the server's own tool names are tags");
        assertTrue(metric("mcp_server_connections_closed_total", WS, "close_code=\"other\"") >= 1);
    }

    // ------------------------------------------------------------------ unbounded buffering

    /**
     * A text message in continuation frames is refused with 1009 once its running total passes the limit: the client
     * sends twice the limit and never the final fragment, so only a check on the running total can close it.
     */
    @Test
    void aFragmentedMessageIsRefusedOnceItsRunningTotalPassesTheLimit() throws IOException {
        double before = await(this::active, 0, Duration.ofSeconds(20));
        try (RawWsClient c = RawWsClient.connect(wsUri(), 0)) {
            byte[] head = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\"".getBytes(StandardCharsets.UTF_8);
            byte[] fragment = "a".repeat(8192).getBytes(StandardCharsets.UTF_8);
            c.sendRaw(c.frame(RawWsClient.TEXT, head, true)); // FIN clear: the message goes on
            int sent = head.length;
            try {
                while (sent < 2 * LIMIT) {
                    c.sendRaw(c.frame(RawWsClient.CONTINUATION, fragment, true));
                    sent += fragment.length;
                }
            } catch (java.net.SocketException closedMeanwhile) {
                // the server may close while the fragments are still on their way: then the close is below
            }
            RawWsClient.Frame close = c.readCloseFrame();
            assertNotNull(close, "a close frame before the final fragment was sent");
            assertEquals(1009, close.closeCode());
        }
        assertEquals(before, await(this::active, before, Duration.ofSeconds(20)));
        assertServesANewClient();
    }

    /** Far more answers than {@code MAX_QUEUED} wait at times, but the client reads: it is served in full. */
    @Test
    void aClientThatReadsSteadilyWhilePipeliningIsNotTakenForOneThatStoppedReading() {
        try (WsClient c = connect("mcp")) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                ids.add(c.send("ping", null));
            }
            for (long id : ids) {
                WsClient.assertResultId(c.awaitResponse(id), id);
            }
            assertFalse(c.isClosed());
        }
    }

    // ------------------------------------------------------------------ protocol errors on the socket

    @Test
    void onlyAPongToAPingActuallySentFeedsTheRoundTripMetric() throws IOException {
        String rtt = "mcp_server_heartbeat_rtt_seconds_count";
        try (RawWsClient c = RawWsClient.connect(wsUri(), 0)) {
            RawWsClient.Frame ping = c.read();
            while (ping.opcode() != RawWsClient.PING) {
                ping = c.read();
            }
            double before = metric(rtt);
            c.sendPong(ping.payload());
            assertEquals(before + 1, await(() -> metric(rtt), before + 1, Duration.ofSeconds(20)), "the real answer counts");
            byte[] forged = ping.payload().clone();
            if (forged.length == Long.BYTES) {
                ByteBuffer.wrap(forged).putLong(0, ByteBuffer.wrap(forged).getLong(0) - 1_800_000_000_000L);
            }
            c.sendPong(ping.payload());              // the same answer again
            c.sendPong(forged);                      // a ping of half an hour ago, as a payload
            c.sendPong(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            c.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
            RawWsClient.Frame answer = c.read();
            while (answer.opcode() == RawWsClient.PING) {
                answer = c.read(); // not answered: an answer would be a real round trip
            }
            assertEquals(RawWsClient.TEXT, answer.opcode()); // the pongs before it have been handled
            assertEquals(before + 1, metric(rtt), "forged pongs are not round trips");
        }
    }

    // ------------------------------------------------------------------ connection accounting

    @Test
    void anAbruptDisconnectIsReleasedAnd1006() throws IOException {
        double before = await(this::active, 0, Duration.ofSeconds(20));
        double abnormal = closed(1006);
        double internal = closed(1011);
        RawWsClient idle = RawWsClient.connect(wsUri(), 0);
        RawWsClient busy = RawWsClient.connect(wsUri(), 0);
        assertEquals(before + 2, await(this::active, before + 2, Duration.ofSeconds(20)));
        busy.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"slow_task\","
                + "\"arguments\":{\"steps\":20,\"stepMillis\":50},\"_meta\":{\"progressToken\":1}}}");
        while (busy.read().opcode() != RawWsClient.TEXT) {
            // pings of the heartbeat; then the first progress notification: the tool runs and writes
        }
        idle.abort();
        busy.abort();
        assertEquals(before, await(this::active, before, Duration.ofSeconds(20)), "both are released");
        assertEquals(abnormal + 2, await(() -> closed(1006), abnormal + 2, Duration.ofSeconds(10)),
                () -> java.util.Arrays.stream(get("/metrics").body().split("\n"))
                        .filter(l -> l.startsWith("mcp_server_connections_closed_total")).toList().toString());
        assertEquals(internal, closed(1011), "an abrupt disconnect is no internal error");
        assertServesANewClient();
    }

    /** The server closes (1003 for a binary frame); the peer neither answers the close nor ends the TCP connection. */
    @Test
    void aCloseHandshakeThePeerNeverFinishesIsReleased() throws IOException {
        double before = await(this::active, 0, Duration.ofSeconds(20));
        try (RawWsClient c = RawWsClient.connect(wsUri(), 0)) {
            assertEquals(before + 1, await(this::active, before + 1, Duration.ofSeconds(20)));
            c.sendFrame(0x82, new byte[] {1});
            RawWsClient.Frame close = c.read();
            while (close.opcode() != RawWsClient.CLOSE) {
                close = c.read();
            }
            assertEquals(1003, close.closeCode());
            // no close frame back, the socket stays open
            assertEquals(before, await(this::active, before, Duration.ofSeconds(20)), "released while the peer holds on");
            assertServesANewClient();
        }
    }

    /**
     * A peer that stops reading with answers on their way: the server closes it (1013: more than
     * {@code mcp.websocket.max-queued-bytes} wait), but its close frame cannot get through, so the close handshake
     * never ends. The connection is released anyway: Liberty reports the close at once (observed), and should a
     * container not, {@code mcp.websocket.close-timeout-ms} releases it (SendQueueTest).
     */
    @Test
    void aCloseThatCannotReachThePeerIsReleased() throws Exception {
        double before = await(this::active, 0, Duration.ofSeconds(20));
        try (RawWsClient c = RawWsClient.connect(wsUri(), 2048)) {
            assertEquals(before + 1, await(this::active, before + 1, Duration.ofSeconds(20)));
            String request = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                    + "\"arguments\":{\"text\":\"" + "x".repeat(60_000) + "\"},\"_meta\":{"
                    + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 40; i++) {
                        c.sendText(String.format(request, i));
                    }
                } catch (IOException closed) {
                    // the server closed meanwhile
                }
            });
            writer.setDaemon(true);
            writer.start();
            assertEquals(before, await(this::active, before, Duration.ofSeconds(30)), "released while the peer reads nothing");
            assertServesANewClient();
        }
    }

    /** The peer starts the close, gets the answer, and keeps the TCP connection open. */
    @Test
    void aPeerThatClosesButKeepsTheSocketIsReleased() throws IOException {
        double before = await(this::active, 0, Duration.ofSeconds(20));
        try (RawWsClient c = RawWsClient.connect(wsUri(), 0)) {
            assertEquals(before + 1, await(this::active, before + 1, Duration.ofSeconds(20)));
            c.sendFrame(0x88, new byte[] {0x03, (byte) 0xe8});
            assertEquals(1000, c.readUntilClose());
            assertEquals(before, await(this::active, before, Duration.ofSeconds(20)));
        }
    }

    @Test
    void anUpgradeThatDeclaresABodyIsRefused() {
        double before = await(this::active, 0, Duration.ofSeconds(20));
        for (String header : List.of("Content-Length: 5\r\n", "Transfer-Encoding: chunked\r\n")) {
            IOException refused = assertThrows(IOException.class,
                    () -> RawWsClient.connect(wsUri(), 0, header).close(), header);
            assertTrue(refused.getMessage().contains(" 400"), refused.getMessage());
        }
        assertEquals(before, active());
        assertServesANewClient();
    }
}

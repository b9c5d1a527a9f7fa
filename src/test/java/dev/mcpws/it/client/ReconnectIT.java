package dev.mcpws.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.client.ConnectionLostException;
import dev.mcpws.client.Heartbeat;
import dev.mcpws.client.McpClient;
import dev.mcpws.client.McpClientException;
import dev.mcpws.client.McpClientListener;
import dev.mcpws.client.McpFuture;
import dev.mcpws.client.ProtocolEra;
import dev.mcpws.client.ReconnectPolicy;
import dev.mcpws.client.ServerDescription;
import dev.mcpws.client.ToolCallResult;
import dev.mcpws.it.support.StandaloneServer;
import dev.mcpws.it.support.StdioProcess;
import dev.mcpws.it.support.TcpProxy;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client and the stdio bridge survive the network: a real Liberty ({@link StandaloneServer}) that is stopped and
 * started again mid-session, and a {@link TcpProxy} that cuts or freezes the path.
 */
@Timeout(240)
class ReconnectIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Fast backoff so the tests wait for the server, not for the policy. */
    private static final ReconnectPolicy FAST = ReconnectPolicy.DEFAULT.withInitialDelay(Duration.ofMillis(100))
            .withMaxDelay(Duration.ofSeconds(1)).withMaxElapsed(Duration.ofSeconds(120));

    static StandaloneServer server;

    @BeforeAll
    static void startServer() {
        // a short drain, so a stop does not wait for the deliberately endless calls
        server = new StandaloneServer("reconnectIT", StandaloneServer.rootTestWar("mcp.drain.timeout-ms=300"));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Records what a client's listener saw. */
    static final class Events implements McpClientListener {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final BlockingQueue<ServerDescription> reconnects = new LinkedBlockingQueue<>();
        final BlockingQueue<Throwable> gaveUp = new LinkedBlockingQueue<>();
        final BlockingQueue<Integer> disconnects = new LinkedBlockingQueue<>();

        @Override
        public void disconnected(int closeCode, String reason, boolean willReconnect) {
            seen.add("disconnected " + closeCode + " " + reason + " " + willReconnect);
            disconnects.add(closeCode);
        }

        @Override
        public void reconnected(ServerDescription s) {
            seen.add("reconnected " + s.era());
            reconnects.add(s);
        }

        @Override
        public void gaveUp(Throwable cause) {
            seen.add("gave up");
            gaveUp.add(cause);
        }
    }

    private static McpClient client(URI uri, ProtocolEra era, Events events) {
        return McpClient.builder(uri).era(era).reconnect(FAST).listener(events)
                .heartbeat(new Heartbeat(Duration.ofMillis(500), Duration.ofMillis(700)))
                .requestTimeout(Duration.ofSeconds(90)).build();
    }

    @Test
    void clientsAndTheBridgeSurviveAServerRestart() throws Exception {
        Events legacyEvents = new Events();
        Events modernEvents = new Events();
        AtomicInteger tokenAsked = new AtomicInteger();
        try (McpClient legacy = McpClient.builder(server.wsUri()).era(ProtocolEra.LEGACY).reconnect(FAST)
                        .listener(legacyEvents).bearerToken(() -> "token-" + tokenAsked.incrementAndGet())
                        .requestTimeout(Duration.ofSeconds(90)).build();
                McpClient modern = client(server.wsUri(), ProtocolEra.AUTO, modernEvents);
                StdioProcess bridge = StdioProcess.bridge(server.wsUri(), "--max-backoff-seconds", "1")) {
            assertEquals(ProtocolEra.LEGACY, legacy.connect().era());
            assertEquals(ProtocolEra.MODERN, modern.connect().era());
            legacy.listTools(); // learns that slow_task is read-only, hence safe to repeat
            modern.listTools();
            BlockingQueue<String> legacyUpdates = new LinkedBlockingQueue<>();
            BlockingQueue<String> modernUpdates = new LinkedBlockingQueue<>();
            legacy.subscribe("it://config", legacyUpdates::add);
            modern.subscribe("it://config", modernUpdates::add);

            // the bridge's host: initialize, tools/list, a subscription
            bridge.send(StdioProcess.request(1, "initialize", Json.createObjectBuilder().add("protocolVersion", "2025-11-25")
                    .add("capabilities", Json.createObjectBuilder())
                    .add("clientInfo", Json.createObjectBuilder().add("name", "host").add("version", "1")).build()));
            assertEquals("2025-11-25", bridge.awaitResponse(1, WAIT).getJsonObject("result").getString("protocolVersion"));
            bridge.send(StdioProcess.notification("notifications/initialized", JsonObject.EMPTY_JSON_OBJECT));
            assertTrue(call(bridge, 2, "tools/list", JsonObject.EMPTY_JSON_OBJECT).getJsonObject("result").getJsonArray("tools").size() > 0);
            bridge.send(StdioProcess.request(3, "resources/subscribe", Json.createObjectBuilder().add("uri", "it://config").build()));
            assertNotNull(bridge.awaitResponse(3, WAIT).getJsonObject("result"));

            // in flight across the restart: a safe (read-only) call and an unsafe one, in each client and the bridge
            McpFuture<ToolCallResult> safe = legacy.callToolAsync("slow_task", Map.of("steps", 40, "stepMillis", 100));
            McpFuture<ToolCallResult> modernSafe = modern.callToolAsync("slow_task", Map.of("steps", 40, "stepMillis", 100));
            McpFuture<ToolCallResult> unsafe = legacy.callToolAsync("wait_for_cancel", Map.of());
            bridge.send(StdioProcess.request(4, "tools/call", Json.createObjectBuilder().add("name", "wait_for_cancel")
                    .add("arguments", JsonObject.EMPTY_JSON_OBJECT).build()));
            Thread.sleep(500);
            int tokensBefore = tokenAsked.get();

            server.restart();

            ExecutionException lost = assertThrows(ExecutionException.class, () -> unsafe.get(60, TimeUnit.SECONDS));
            ConnectionLostException cle = (ConnectionLostException) lost.getCause();
            assertTrue(cle.outcomeUnknown());
            assertEquals("tools/call", cle.method());
            JsonObject bridgeLost = bridge.awaitResponse(4, WAIT);
            assertEquals(-32010, bridgeLost.getJsonObject("error").getInt("code"), bridgeLost.toString());

            assertEquals(ProtocolEra.LEGACY, legacyEvents.reconnects.poll(90, TimeUnit.SECONDS).era());
            assertEquals(ProtocolEra.MODERN, modernEvents.reconnects.poll(90, TimeUnit.SECONDS).era());
            assertTrue(tokenAsked.get() > tokensBefore, "the token supplier is asked again on reconnect");
            assertFalse(safe.get(60, TimeUnit.SECONDS).isError(), "the read-only call was re-sent and completed");
            assertFalse(modernSafe.get(60, TimeUnit.SECONDS).isError());

            // the sessions are back: calls work and the subscriptions deliver again
            assertEquals("after", legacy.callTool("echo", Map.of("text", "after")).text());
            assertEquals("after", modern.callTool("echo", Map.of("text", "after")).text());
            legacy.callTool("touch", Map.of("uri", "it://config"));
            assertEquals("it://config", legacyUpdates.poll(20, TimeUnit.SECONDS));
            assertEquals("it://config", modernUpdates.poll(20, TimeUnit.SECONDS));

            // the bridge replayed initialize (else: "not initialized") and the subscription, and hid the second result
            JsonObject echo = call(bridge, 5, "tools/call", Json.createObjectBuilder().add("name", "echo")
                    .add("arguments", Json.createObjectBuilder().add("text", "via bridge")).build());
            assertEquals("via bridge", echo.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"),
                    echo + "\n" + bridge.stderr());
            JsonObject updated = bridge.await(m -> "notifications/resources/updated".equals(m.getString("method", null)),
                    WAIT, "the replayed subscription delivers");
            assertEquals("it://config", updated.getJsonObject("params").getString("uri"));
            long initializeResults = bridge.stdoutLines().stream().filter(l -> l.contains("\"protocolVersion\"")).count();
            assertEquals(1, initializeResults, "the host saw exactly one initialize result: " + bridge.stdoutLines());

            bridge.closeStdin();
            assertEquals(0, bridge.awaitExit(WAIT), bridge.stderr());
        }
    }

    @Test
    void aFrozenPathIsDetectedByTheHeartbeatAndACutIsHealed() throws Exception {
        Events events = new Events();
        try (TcpProxy proxy = new TcpProxy("localhost", server.port());
                McpClient client = client(proxy.proxied(server.wsUri()), ProtocolEra.AUTO, events)) {
            client.connect();
            assertNotNull(waitFor(client::lastRoundTrip), "heartbeat round trips are measured");

            proxy.freeze(); // the server stops answering: no pong
            long frozenAt = System.nanoTime();
            Integer code = events.disconnects.poll(30, TimeUnit.SECONDS);
            long detectedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozenAt);
            assertEquals(1006, code, events.seen.toString());
            // the heartbeat found it (not a TCP timeout, which would take minutes); how fast is logged, never asserted
            assertTrue(events.seen.get(0).contains("heartbeat timeout"),
                    events.seen + " (after " + detectedMs + " ms; interval 500 + timeout 700)");
            System.out.println("ReconnectIT: a frozen peer was detected after " + detectedMs + " ms");
            proxy.unfreeze();
            assertNotNull(events.reconnects.poll(30, TimeUnit.SECONDS), events.seen.toString());
            assertEquals("1", client.callTool("echo", Map.of("text", "1")).text());

            proxy.dropAll(); // a network cut
            assertNotNull(events.reconnects.poll(30, TimeUnit.SECONDS), events.seen.toString());
            assertEquals("2", client.callTool("echo", Map.of("text", "2")).text());
        }
    }

    @Test
    void givesUpWhenThePolicyIsExhaustedAndFailsWhatWaits() throws Exception {
        Events events = new Events();
        try (TcpProxy proxy = new TcpProxy("localhost", server.port());
                McpClient client = McpClient.builder(proxy.proxied(server.wsUri())).listener(events)
                        .reconnect(FAST.withMaxAttempts(3)).heartbeat(Heartbeat.OFF)
                        .connectTimeout(Duration.ofSeconds(2)).build()) {
            client.connect();
            proxy.refuse(true);
            proxy.dropAll();
            long start = System.nanoTime();
            assertNotNull(events.gaveUp.poll(60, TimeUnit.SECONDS), events.seen.toString());
            System.out.println("[ReconnectIT] gave up after " + (System.nanoTime() - start) / 1_000_000 + " ms");
            assertFalse(client.isConnected());
            McpClientExceptionCheck.assertLost(() -> client.callTool("echo", Map.of("text", "x")));
        }
    }

    @Test
    void theBridgeAnswersUnreadableLinesAndGivesUpWhenTold() throws Exception {
        try (TcpProxy proxy = new TcpProxy("localhost", server.port());
                StdioProcess bridge = StdioProcess.bridge(proxy.proxied(server.wsUri()), "--max-backoff-seconds", "1",
                        "--max-reconnect-seconds", "2")) {
            bridge.sendLine("{not json");
            JsonObject parseError = bridge.await(m -> m.containsKey("error"), WAIT, "the -32700 answer");
            assertEquals(-32700, parseError.getJsonObject("error").getInt("code"));
            JsonObject init = call(bridge, 1, "initialize", Json.createObjectBuilder().add("protocolVersion", "2025-11-25")
                    .add("capabilities", Json.createObjectBuilder())
                    .add("clientInfo", Json.createObjectBuilder().add("name", "host").add("version", "1")).build());
            assertEquals("2025-11-25", init.getJsonObject("result").getString("protocolVersion"),
                    "the bridge still forwards after bad input");

            proxy.refuse(true);
            proxy.dropAll();
            bridge.send(StdioProcess.request(2, "tools/list", JsonObject.EMPTY_JSON_OBJECT)); // waits for a connection
            JsonObject unreachable = bridge.awaitResponse(2, WAIT);
            assertEquals(-32011, unreachable.getJsonObject("error").getInt("code"), unreachable.toString());
            assertEquals(1, bridge.awaitExit(WAIT), bridge.stderr());
        }
    }

    @Test
    void speaksWssWithTheTrustItIsGiven() {
        try (McpClient trusting = McpClient.builder(server.wssUri()).insecure(true).build()) {
            trusting.connect();
            assertEquals("tls", trusting.callTool("echo", Map.of("text", "tls")).text());
        }
        // the default trust store does not know Liberty's self-signed development certificate
        try (McpClient strict = McpClient.builder(server.wssUri()).connectTimeout(Duration.ofSeconds(5)).build()) {
            McpClientException refused = assertThrows(McpClientException.class, strict::connect);
            assertTrue(refused.getMessage().contains("certification path"), refused.getMessage());
        }
    }

    private static JsonObject call(StdioProcess bridge, long id, String method, JsonObject params) {
        bridge.send(StdioProcess.request(id, method, params));
        return bridge.awaitResponse(id, WAIT);
    }

    private static <T> T waitFor(java.util.function.Supplier<T> value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        T v;
        while ((v = value.get()) == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return v;
    }

    /** A call on a client that gave up fails at once with {@link ConnectionLostException}. */
    static final class McpClientExceptionCheck {
        static void assertLost(org.junit.jupiter.api.function.Executable call) {
            ConnectionLostException e = assertThrows(ConnectionLostException.class, call);
            assertFalse(e.outcomeUnknown(), "never sent");
        }
    }
}

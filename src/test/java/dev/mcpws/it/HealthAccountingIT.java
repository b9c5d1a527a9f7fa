package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Readiness data that adds up, whatever order connections of the two transports open and end in: WebSockets closed
 * cleanly, twice, or cut; legacy HTTP sessions deleted, deleted again, never known, or failed at {@code initialize};
 * stateless HTTP requests (no connection). After each step the data is exact and never negative, each transport
 * counts only its own, and the cap (3 here) still admits exactly as many connections as are free.
 */
@RunAsClient
class HealthAccountingIT extends McpIT {

    static final int CAP = 3;
    static final int IN_FLIGHT = 4;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar("mcp.limits.max-connections=" + CAP + "\nmcp.limits.max-in-flight=" + IN_FLIGHT);
    }

    /** The data of the mcp-ready check, checked for the sums and signs every read. */
    private JsonObject ready() {
        JsonObject health = get("/health/ready").json();
        JsonObject data = health.getJsonArray("checks").stream().map(v -> v.asJsonObject())
                .filter(c -> "mcp-ready".equals(c.getString("name"))).findFirst().orElseThrow().getJsonObject("data");
        for (String k : new String[] {"activeConnections", "websocketConnections", "httpSessions", "legacySessions",
                "statelessConnections", "requestsInFlight"}) {
            assertTrue(data.getInt(k) >= 0, k + " is negative: " + data);
        }
        assertEquals(data.getInt("activeConnections"), data.getInt("websocketConnections") + data.getInt("httpSessions"),
                data.toString());
        assertEquals(data.getInt("activeConnections"), data.getInt("legacySessions") + data.getInt("statelessConnections"),
                data.toString());
        return data;
    }

    /** Waits (bounded) until the server has processed what the client did: the counts are exactly these. */
    private void expect(int websockets, int httpSessions) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            JsonObject d = ready();
            assertEquals(websockets, d.getInt("websocketConnections"), d.toString());
            assertEquals(httpSessions, d.getInt("httpSessions"), d.toString());
            assertEquals(0, d.getInt("requestsInFlight"), d.toString());
        });
        String status = get("/health/ready").json().getString("status");
        assertEquals(websockets + httpSessions < CAP ? "UP" : "DOWN", status);
    }

    private String post(String sessionId, String body) throws IOException {
        String extra = sessionId == null ? "" : "Mcp-Session-Id: " + sessionId + "\r\nMCP-Protocol-Version: " + LEGACY + "\r\n";
        RawHttp.Response r = RawHttp.exchange("localhost", base.getPort(),
                RawHttp.post(base.getPath() + "mcp", "localhost:" + base.getPort(), extra, body));
        return r.status() + " " + r.head() + "\r\n\r\n" + r.body();
    }

    /** A legacy HTTP session (initialize + initialized): its id. */
    private String openSession() throws IOException {
        String r = post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + LEGACY + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"health\",\"version\":\"1\"}}}");
        assertTrue(r.startsWith("200 "), r);
        Matcher m = Pattern.compile("(?i)\r\nmcp-session-id:\\s*(\\S+)").matcher(r);
        assertTrue(m.find(), r);
        post(m.group(1), "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return m.group(1);
    }

    private int delete(String sessionId) throws IOException {
        return RawHttp.exchange("localhost", base.getPort(), "DELETE " + base.getPath() + "mcp HTTP/1.1\r\nHost: localhost:"
                + base.getPort() + "\r\nConnection: close\r\nMcp-Session-Id: " + sessionId + "\r\n\r\n").status();
    }

    @Test
    void countsAddUpWhateverTheOrder() throws Exception {
        expect(0, 0);
        WsClient a = legacy(LEGACY);
        expect(1, 0);
        String s1 = openSession();
        expect(1, 1);
        assertEquals(2, ready().getInt("legacySessions"), "both completed the legacy handshake");
        a.close();
        expect(0, 1);
        a.close(); // closing twice changes nothing
        assertEquals(204, delete(s1));
        expect(0, 0);
        assertEquals(404, delete(s1), "a session deleted twice");
        assertEquals(404, delete("no-such-session"), "an unknown session");
        expect(0, 0);

        // interleaved: HTTP first, then a stateless socket, then the session ends before the socket
        String s2 = openSession();
        WsClient b = connect();
        expect(1, 1);
        assertEquals(Map.of("legacy", 1, "stateless", 1),
                Map.of("legacy", ready().getInt("legacySessions"), "stateless", ready().getInt("statelessConnections")));
        assertEquals(204, delete(s2));
        expect(1, 0);
        b.close();
        expect(0, 0);
    }

    @Test
    void endingsThatAreNotCleanAreCountedOnce() throws Exception {
        // a socket cut without a close frame, a socket closed with two close frames
        RawWsClient cut = RawWsClient.connect(wsUri(), 0);
        RawWsClient twice = RawWsClient.connect(wsUri(), 0);
        expect(2, 0);
        cut.close();
        twice.sendFrame(0x88, new byte[] {0x03, (byte) 0xe8});
        try {
            twice.sendFrame(0x88, new byte[] {0x03, (byte) 0xe8});
        } catch (IOException closedAlready) {
            // the server may have closed the TCP connection after its close frame
        }
        twice.readUntilClose();
        twice.close();
        expect(0, 0);

        // an initialize that fails ends its session at once; a stateless request is no connection
        String bad = post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}");
        assertTrue(bad.contains("\"error\""), bad);
        expect(0, 0);
        RawHttp.Response stateless = RawHttp.exchange("localhost", base.getPort(), RawHttp.post(base.getPath() + "mcp",
                "localhost:" + base.getPort(), SecureDefaultsIT.MODERN_HEADERS, SecureDefaultsIT.DISCOVER));
        assertEquals(200, stateless.status(), stateless.body());
        expect(0, 0);
    }

    @Test
    void theCapAdmitsExactlyTheFreeSlotsAfterAnyChurn() throws Exception {
        for (int round = 0; round < 3; round++) {
            WsClient w = connect();
            String s = openSession();
            w.close();
            assertEquals(204, delete(s));
            assertEquals(404, delete(s));
        }
        expect(0, 0);
        WsClient w1 = connect();
        String s1 = openSession();
        WsClient w2 = connect();
        expect(2, 1); // at the cap: readiness DOWN
        assertEquals(503, RawHttp.exchange("localhost", base.getPort(),
                RawHttp.upgrade(base.getPath() + "mcp", "localhost:" + base.getPort(), "")).status());
        String refused = post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + LEGACY + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"health\",\"version\":\"1\"}}}");
        assertTrue(refused.startsWith("503 "), refused);
        expect(2, 1);
        w2.close();
        expect(1, 1);
        String s2 = openSession(); // the freed slot is usable by the other transport
        expect(1, 2);
        w1.close();
        assertEquals(204, delete(s1));
        assertEquals(204, delete(s2));
        expect(0, 0);
        try (WsClient c = connect()) {
            assertTrue(c.call("tools/call", modern(Json.createObjectBuilder().add("name", "echo")
                    .add("arguments", args().add("text", "ok")))).toString().contains("ok"));
        }
    }

    /**
     * {@code mcp.limits.max-in-flight} is per connection, and a legacy HTTP session is one: 40 tool calls POSTed at once
     * in one session (each on its own HTTP connection, so the server admits them on many threads at the same time)
     * start exactly 4; the 36 others get -32001 at once. The 4 block until the session ends.
     */
    @Test
    void theInFlightCapHoldsExactlyUnderAnHttpBurst() throws Exception {
        String sid = openSession();
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        java.net.URI uri = java.net.URI.create("http://localhost:" + base.getPort() + base.getPath() + "mcp");
        java.util.List<java.util.concurrent.CompletableFuture<String>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String body = "{\"jsonrpc\":\"2.0\",\"id\":" + (100 + i)
                    + ",\"method\":\"tools/call\",\"params\":{\"name\":\"wait_for_cancel\",\"arguments\":{}}}";
            calls.add(http.sendAsync(java.net.http.HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .header("Mcp-Session-Id", sid).header("MCP-Protocol-Version", LEGACY)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).thenApply(r -> r.body()));
        }
        try {
            // the refusals come at once; the admitted calls block (up to 30 s): if more than 4 were admitted, fewer
            // than 36 answers come before those end with a result, which the second assertion catches
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> calls.stream().filter(java.util.concurrent.CompletableFuture::isDone).count() >= 36);
            java.util.List<String> answered = calls.stream().filter(java.util.concurrent.CompletableFuture::isDone)
                    .map(java.util.concurrent.CompletableFuture::join).toList();
            for (String a : answered) {
                assertTrue(a.contains("\"code\":-32001"), "every early answer is the in-flight refusal: " + a);
            }
            assertEquals(40 - IN_FLIGHT, answered.size(), answered.toString());
            assertEquals(IN_FLIGHT, ready().getInt("requestsInFlight"));
        } finally {
            assertEquals(204, delete(sid));
        }
        expect(0, 0);
    }
}

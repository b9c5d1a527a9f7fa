package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Streamable HTTP against a hostile peer, on raw sockets: bodies sent slowly (they hold no thread: a healthy client is
 * answered while 200 of them are open; at the deadline they get 408), bodies past the limit however they are framed,
 * framing headers that contradict each other, wrong media types, batches outside a session, and upgrade requests that
 * never finish their headers. Two deployments: {@code mcp-it} keeps bodies for two minutes (so the slow ones are
 * surely still open while the healthy client is served), {@code mcp-deadline} (deployed by its test) for one second.
 */
@RunAsClient
class HostileHttpIT extends McpIT {

    static final String DISCOVER = SecureDefaultsIT.DISCOVER;
    static final int MAX = 65536; // the test deployment's mcp.limits.max-message-bytes (via its deprecated alias)
    static final int SLOW = 200;

    @Deployment(name = "main", testable = false)
    static WebArchive main() {
        return testWar("mcp-it", "mcp.http.body-timeout-ms=120000");
    }

    @Deployment(name = "deadline", managed = false, testable = false)
    static WebArchive deadline() {
        return testWar("mcp-deadline", "mcp.http.body-timeout-ms=1000");
    }

    @ArquillianResource
    Deployer deployer;

    private String host() {
        return "localhost:" + base.getPort();
    }

    private Socket open() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("localhost", base.getPort()), 5000);
        return s;
    }

    /** Request headers of a 2026-07-28 discover POST to {@code /<app>/mcp}, without the framing headers. */
    private String postHead(String app, boolean close) {
        return "POST /" + app + "/mcp HTTP/1.1\r\nHost: " + host() + "\r\n" + (close ? "Connection: close\r\n" : "")
                + "Accept: application/json, text/event-stream\r\n"
                + "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: server/discover\r\n";
    }

    private String discoverPost(String app) {
        return postHead(app, true) + "Content-Type: application/json\r\nContent-Length: "
                + DISCOVER.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + DISCOVER;
    }

    /** What the server sent on a socket until it closed it or {@code timeoutMs} passed without a byte. */
    static String readAll(Socket s, int timeoutMs) throws IOException {
        s.setSoTimeout(timeoutMs);
        InputStream in = s.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                all.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            all.write("<<no more within the wait>>".getBytes(StandardCharsets.ISO_8859_1));
        } catch (java.net.SocketException e) {
            all.write("<<reset>>".getBytes(StandardCharsets.ISO_8859_1));
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    /** Reads up to the end of one response's head and its Content-Length body (the socket may stay open). */
    static String readOneResponse(Socket s, int timeoutMs) throws IOException {
        s.setSoTimeout(timeoutMs);
        InputStream in = s.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            all.write(b);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end > 0) {
                Matcher m = Pattern.compile("(?i)\r\ncontent-length:\\s*(\\d+)").matcher(text.substring(0, end));
                int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
                if (all.size() >= end + 4 + length) {
                    break;
                }
            }
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    private String exchange(String request, int timeoutMs) throws IOException {
        try (Socket s = open()) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            return readAll(s, timeoutMs);
        }
    }

    static int status(String response) {
        assertTrue(response.startsWith("HTTP/1.1 "), () -> "an HTTP response: " + response);
        return Integer.parseInt(response.substring(9, 12));
    }

    static JsonObject body(String response) {
        String b = response.substring(response.indexOf("\r\n\r\n") + 4);
        return Json.createReader(new StringReader(b)).readObject();
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** A healthy client on its own connection: discover is answered (the wait is generous, the result exact). */
    private void assertHealthy(String app) throws IOException {
        String r = exchange(discoverPost(app), 60_000);
        assertEquals(200, status(r), r);
        assertTrue(body(r).getJsonObject("result").containsKey("supportedVersions"), r);
    }

    // ------------------------------------------------------------------ slow bodies

    /**
     * 200 slow bodies: with a container thread blocked per body, Liberty's pool grows about a thread a second here,
     * so a request queued behind 200 would wait minutes (behind 50 it waited 47 s); read asynchronously, none holds a
     * thread and the healthy client is answered at once. The wait is generous; no duration is asserted.
     */
    @Test
    void aHealthyClientIsAnsweredWhile200SlowBodiesAreOpen() throws Exception {
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < SLOW; i++) {
                Socket s = open();
                slow.add(s);
                s.getOutputStream().write((postHead("mcp-it", true) + "Content-Type: application/json\r\n"
                        + "Content-Length: 10000\r\n\r\n{\"jsonrpc\":").getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
            }
            // one more byte on each every second, so no per-read timeout of the container ends them (bounded: the
            // executor stops with the test, long before 10,000 bytes)
            drip.scheduleAtFixedRate(() -> {
                for (Socket s : slow) {
                    try {
                        s.getOutputStream().write(' ');
                        s.getOutputStream().flush();
                    } catch (IOException e) {
                        // the server answered and closed it: seen by the assertion below
                    }
                }
            }, 1, 1, TimeUnit.SECONDS);
            assertHealthy("mcp-it");
            // the slow bodies were all still being read: none has been answered (their deadline is two minutes)
            for (Socket s : slow) {
                s.setSoTimeout(1);
                try {
                    int b = s.getInputStream().read();
                    throw new AssertionError("a slow body was answered before its deadline (read " + b + ")");
                } catch (SocketTimeoutException expected) {
                    // still open, still waiting for its body
                }
            }
        } finally {
            drip.shutdownNow();
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void aBodyThatDoesNotArriveInTimeIs408AndTheConnectionCloses() throws IOException {
        deployer.deploy("deadline");
        try (Socket s = open()) {
            s.getOutputStream().write((postHead("mcp-deadline", false) + "Content-Type: application/json\r\n"
                    + "Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\"").getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            String r = readAll(s, 60_000);
            assertEquals(408, status(r), r);
            assertEquals(-32600, body(r.replace("<<no more within the wait>>", "")).getJsonObject("error").getInt("code"), r);
            assertTrue(r.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), r);
            assertFalse(r.contains("<<no more within the wait>>"), "the server closed the connection: " + r);
        }
        assertHealthy("mcp-deadline");
        deployer.undeploy("deadline");
    }

    @Test
    void aBodyThatArrivesInPiecesWithinTheDeadlineIsServed() throws IOException, InterruptedException {
        byte[] request = discoverPost("mcp-it").getBytes(StandardCharsets.UTF_8);
        try (Socket s = open()) {
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < request.length; i += 40) {
                out.write(request, i, Math.min(40, request.length - i));
                out.flush();
                Thread.sleep(20); // pieces on the wire, not a wait for a result
            }
            String r = readAll(s, 60_000);
            assertEquals(200, status(r), r);
        }
    }

    // ------------------------------------------------------------------ sizes and chunks

    @Test
    void aDeclaredLengthPastTheLimitIs413BeforeAnyBody() throws IOException {
        try (Socket s = open()) {
            s.getOutputStream().write((postHead("mcp-it", true) + "Content-Type: application/json\r\nContent-Length: "
                    + (MAX + 1) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            String r = readOneResponse(s, 60_000);
            assertEquals(413, status(r), r);
            assertEquals(-32006, body(r).getJsonObject("error").getInt("code"));
        }
    }

    /**
     * The size line of a chunk is parsed by Liberty's HTTP codec (Netty), which the application never sees. It does not
     * buffer up to the declared size: it hands over the bytes as they arrive. A size beyond 2^31 - 1 is refused by the
     * codec at once (400, the body could not be read); an absurd size it accepts is refused by the application as soon
     * as the bytes received pass the limit (413), long before the declared chunk is complete.
     */
    @Test
    void absurdChunkSizesAreRefusedWithoutBufferingUpToThem() throws IOException {
        String r = exchange(postHead("mcp-it", true) + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "ffffffff\r\n{\"jsonrpc\":\"2.0\"", 60_000);
        assertEquals(400, status(r), r);
        assertEquals(-32700, body(r.replace("<<no more within the wait>>", "")).getJsonObject("error").getInt("code"));

        try (Socket s = open()) {
            s.getOutputStream().write((postHead("mcp-it", true) + "Content-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n7fffffff\r\n").getBytes(StandardCharsets.UTF_8));
            byte[] filler = new byte[8192];
            java.util.Arrays.fill(filler, (byte) ' ');
            for (int sent = 0; sent <= MAX; sent += filler.length) {
                s.getOutputStream().write(filler);
            }
            s.getOutputStream().flush();
            String r2 = readOneResponse(s, 60_000);
            assertEquals(413, status(r2), r2);
        }
        assertHealthy("mcp-it");
    }

    // ------------------------------------------------------------------ framing and media types

    @Test
    void contradictoryOrUnknownFramingIsRefused() throws IOException {
        String ct = "Content-Type: application/json\r\n";
        int n = DISCOVER.getBytes(StandardCharsets.UTF_8).length;
        String chunked = Integer.toHexString(n) + "\r\n" + DISCOVER + "\r\n0\r\n\r\n";
        Object[][] cases = {
            {"Content-Length: " + n + ", " + (n + 1) + "\r\n\r\n" + DISCOVER, 400},
            {"Content-Length: -1\r\n\r\n" + DISCOVER, 400},
            {"Content-Length: +" + n + "\r\n\r\n" + DISCOVER, 400},
            {"Content-Length: 0x10\r\n\r\n" + DISCOVER, 400},
            {"Transfer-Encoding: foo\r\n\r\n" + DISCOVER, 501},
            {"Transfer-Encoding: gzip, chunked\r\n\r\n" + chunked, 501},
            {"Transfer-Encoding: identity\r\nContent-Length: " + n + "\r\n\r\n" + DISCOVER, 400},
            {"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked, 400},
        };
        for (Object[] c : cases) {
            String r = exchange(postHead("mcp-it", true) + ct + c[0], 60_000);
            assertEquals((int) c[1], status(r), c[0] + " -> " + r);
            // a Content-Length Liberty's codec cannot parse it refuses itself: the application then sees no length
            // and an empty body (-32700); every other case is refused by the application's framing rule (-32600)
            JsonObject error = body(r.replace("<<no more within the wait>>", "")).getJsonObject("error");
            assertTrue(error.getInt("code") == -32600 || error.getInt("code") == -32700, r);
            assertTrue(r.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), r);
        }
        assertHealthy("mcp-it");
    }

    @Test
    void aWrongContentTypeIs415AndTwoAre400() throws IOException {
        int n = DISCOVER.getBytes(StandardCharsets.UTF_8).length;
        for (String type : new String[] {"application/jsonx", "application/json-seq", "application/json; charset=iso-8859-1",
                "text/plain", "application/x-www-form-urlencoded"}) {
            String r = exchange(postHead("mcp-it", true) + "Content-Type: " + type + "\r\nContent-Length: " + n
                    + "\r\n\r\n" + DISCOVER, 60_000);
            assertEquals(415, status(r), type + " -> " + r);
        }
        String r = exchange(postHead("mcp-it", true) + "Content-Type: application/json\r\nContent-Type: text/plain\r\n"
                + "Content-Length: " + n + "\r\n\r\n" + DISCOVER, 60_000);
        assertEquals(400, status(r), r);
        String ok = exchange(postHead("mcp-it", true) + "Content-Type: Application/JSON; charset=\"utf-8\"\r\n"
                + "Content-Length: " + n + "\r\n\r\n" + DISCOVER, 60_000);
        assertEquals(200, status(ok), ok);
    }

    private int toolsList(String sid) throws IOException {
        String list = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
        return status(exchange(RawHttp.post("/mcp-it/mcp", host(), "Mcp-Session-Id: " + sid + "\r\nMCP-Protocol-Version: "
                + LEGACY + "\r\n", list), 60_000));
    }

    /**
     * Two different {@code Content-Length}s, or one with {@code Transfer-Encoding: chunked}: Liberty's HTTP codec decides
     * before the application sees the request. It passes on only the first length (or drops the length for chunked,
     * RFC 9112 6.3), so the application cannot tell such a request from a sound one; and it answers with
     * {@code Connection: close} and closes, so what follows the body on the connection (here: a smuggled DELETE of a
     * live session) is never read as a request. Asserted: one response, the connection closed, the session alive.
     */
    @Test
    void libertyClosesTheConnectionAfterConflictingLengthsSoNothingCanBeSmuggled() throws IOException {
        String sid = HttpCorpus.legacySession("localhost", base.getPort(), "/mcp-it/mcp");
        String smuggled = "DELETE /mcp-it/mcp HTTP/1.1\r\nHost: " + host() + "\r\nMcp-Session-Id: " + sid + "\r\n\r\n";
        int n = DISCOVER.getBytes(StandardCharsets.UTF_8).length;
        String ct = "Content-Type: application/json\r\n";
        String[] requests = {
            postHead("mcp-it", false) + ct + "Content-Length: " + n + "\r\nContent-Length: " + (n + smuggled.length())
                    + "\r\n\r\n" + DISCOVER + smuggled,
            postHead("mcp-it", false) + ct + "Content-Length: " + (n + smuggled.length() + 20) + "\r\nTransfer-Encoding: chunked"
                    + "\r\n\r\n" + Integer.toHexString(n) + "\r\n" + DISCOVER + "\r\n0\r\n\r\n" + smuggled,
        };
        for (String request : requests) {
            String r = exchange(request, 60_000);
            assertEquals(1, count(r, "HTTP/1.1 "), "one response only: " + r);
            assertTrue(r.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), r);
            assertFalse(r.contains("<<no more within the wait>>"), "closed by the server: " + r);
            assertEquals(200, toolsList(sid), "the smuggled DELETE never ran");
        }
        // the same DELETE pipelined after a sound request is a request: the probe above could have seen it
        String sound = postHead("mcp-it", false) + ct + "Content-Length: " + n + "\r\n\r\n" + DISCOVER
                + smuggled.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n");
        String r = exchange(sound, 60_000);
        assertEquals(2, count(r, "HTTP/1.1 "), r);
        assertEquals(404, toolsList(sid), "a pipelined DELETE after a sound request ends the session");
    }

    // ------------------------------------------------------------------ the corpus

    /**
     * The HTTP half of the malformed-input corpus ({@code corpus/http.json}: JSON, JSON-RPC, 2026-07-28 headers, legacy
     * sessions, methods, media types, sizes, framing, Origin and Host; {@code corpus/upgrade.json}: WebSocket upgrade
     * requests), each answered exactly as written and followed by a healthy request on a new socket.
     */
    @Test
    void theHttpAndUpgradeCorpus() throws IOException {
        List<Corpus.Case> cases = Corpus.load("http.json", "upgrade.json");
        List<String> failures = new ArrayList<>();
        for (Corpus.Case c : cases) {
            String failure = HttpCorpus.run(c, "localhost", base.getPort(), "/mcp-it/mcp");
            if (failure != null) {
                failures.add(c.name() + " -> " + failure);
            }
        }
        assertEquals(List.of(), failures, failures.size() + " of " + cases.size() + " HTTP corpus cases failed");
        assertTrue(cases.size() >= 100, "the HTTP corpus holds " + cases.size() + " cases");
    }

    // ------------------------------------------------------------------ batches

    @Test
    void aBatchWithoutASessionIsRefusedNeverDropped() throws IOException {
        String batch = "[" + DISCOVER + ",{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}]";
        for (String extra : new String[] {"", "MCP-Protocol-Version: 2026-07-28\r\n", "MCP-Protocol-Version: 2025-03-26\r\n"}) {
            String r = exchange(RawHttp.post("/mcp-it/mcp", host(), extra, batch), 60_000);
            assertEquals(400, status(r), extra + " -> " + r);
            assertEquals(-32600, body(r).getJsonObject("error").getInt("code"), r);
        }
        String notifications = "[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}]";
        assertEquals(400, status(exchange(RawHttp.post("/mcp-it/mcp", host(), "", notifications), 60_000)));
    }

    // ------------------------------------------------------------------ half-open upgrades

    /**
     * 200 upgrade requests whose headers never end: Liberty's HTTP codec holds them without a thread (they never reach
     * the application: nothing counts them), a healthy client connects and calls a tool meanwhile, and each gets
     * Liberty's 408 when {@code readTimeout} (server.xml: 10 s; Liberty's default is 60 s) passes without a byte.
     */
    @Test
    void halfOpenUpgradesDoNotDelayAHealthyClientAndTimeOut() throws IOException {
        int before = activeConnections();
        List<Socket> halfOpen = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket s = open();
                halfOpen.add(s);
                s.getOutputStream().write(("GET /mcp-it/mcp HTTP/1.1\r\nHost: " + host() + "\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n").getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
            }
            try (WsClient healthy = WsClient.connect(wsUri("mcp-it"), "mcp")) {
                JsonObject r = healthy.call("tools/call", modern(Json.createObjectBuilder().add("name", "echo")
                        .add("arguments", args().add("text", "still here"))));
                assertEquals("still here", text(r));
                assertEquals(before + 1, activeConnections(), "only the healthy client is counted");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
            for (Socket s : halfOpen) {
                int left = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                String r = readAll(s, left);
                assertNotNull(r);
                assertTrue(r.startsWith("HTTP/1.1 408"), "Liberty's read timeout answers a half-open request: " + r);
            }
        } finally {
            for (Socket s : halfOpen) {
                s.close();
            }
        }
    }

    /** The open connections of every deployment (each has its own mcp-ready check). */
    private int activeConnections() {
        JsonObject health = get("/health/ready").json();
        int n = 0;
        for (var c : health.getJsonArray("checks")) {
            JsonObject check = c.asJsonObject();
            if ("mcp-ready".equals(check.getString("name"))) {
                n += check.getJsonObject("data").getInt("activeConnections");
            }
        }
        return n;
    }
}

package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.client.McpClient;
import dev.mcpws.client.McpClientListener;
import dev.mcpws.client.ProtocolEra;
import dev.mcpws.client.ReconnectPolicy;
import dev.mcpws.client.ServerDescription;
import dev.mcpws.it.fixtures.ClientEventsProbe;
import dev.mcpws.it.fixtures.FixtureTokens;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Bearer-token authentication (on because the deployment has a {@code McpTokenVerifier} bean): 401 with the RFC 9728
 * challenge for missing, refused or query-string tokens, on the upgrade and on Streamable HTTP; the metadata document;
 * the caller as the connection's principal; close 1008 when the token expires, and our client's reaction to it.
 */
class AuthIT extends McpIT {

    /**
     * The {@code mp.jwt.verify.*} keys are set too: the application's verifier must win over the built-in one (whose
     * keys would refuse every fixture token, which is no JWT).
     */
    @Deployment(testable = false)
    public static WebArchive deployment() throws Exception {
        String pem = java.util.Base64.getEncoder().encodeToString(JwtIT.KEY.toPublicKey().getEncoded());
        return testWar(String.join("\n", "mcp.heartbeat.interval-ms=300",
                "mcp.auth.authorization-servers=https://login.example.com",
                "mcp.auth.scopes=mcp, tools",
                "mp.jwt.verify.publickey=-----BEGIN PUBLIC KEY-----" + pem + "-----END PUBLIC KEY-----",
                "mp.jwt.verify.issuer=" + JwtIT.ISSUER)).addClasses(FixtureTokens.class, ClientEventsProbe.class);
    }

    private HttpResponse<String> refusedUpgrade(URI uri, String authorization) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        CompletionException e = assertThrows(CompletionException.class,
                () -> b.buildAsync(uri, new WebSocket.Listener() { }).join());
        assertTrue(e.getCause() instanceof WebSocketHandshakeException, e.toString());
        @SuppressWarnings("unchecked")
        HttpResponse<String> r = (HttpResponse<String>) ((WebSocketHandshakeException) e.getCause()).getResponse();
        return r;
    }

    @Test
    void aDeployedClientFiresCdiEvents() {
        try (McpClient c = McpClient.builder(wsUri()).bearerToken(() -> "good-erin").build()) {
            c.connect();
            String events = c.callTool("client_events", Map.of("url", wsUri().toString())).text();
            assertEquals("DISCONNECTED 1008,GAVE_UP 0", events);
        }
    }

    private String metadataUrl() {
        return "http://" + base.getHost() + ":" + base.getPort() + "/mcp-it/.well-known/oauth-protected-resource/mcp";
    }

    @Test
    void anUpgradeWithoutATokenGets401WithTheChallenge() {
        double before = metric("mcp_server_handshakes_rejected_total", "reason=\"unauthorized\"");
        HttpResponse<String> r = refusedUpgrade(wsUri(), null);
        assertEquals(401, r.statusCode());
        assertEquals("Bearer resource_metadata=\"" + metadataUrl() + "\"",
                r.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals(before + 1, metric("mcp_server_handshakes_rejected_total", "reason=\"unauthorized\""));
    }

    @Test
    void aRefusedTokenGets401WithInvalidToken() {
        HttpResponse<String> r = refusedUpgrade(wsUri(), "Bearer forged");
        assertEquals(401, r.statusCode());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElseThrow().endsWith(", error=\"invalid_token\""));
        assertEquals(401, refusedUpgrade(wsUri(), "Basic YTpi").statusCode(), "not a bearer token");
    }

    @Test
    void aTokenInTheQueryStringIsNeverRead() {
        assertEquals(401, refusedUpgrade(URI.create(wsUri() + "?access_token=good-alice"), null).statusCode());
    }

    @Test
    void servesTheProtectedResourceMetadata() {
        HttpResult r = get("/mcp-it/.well-known/oauth-protected-resource/mcp");
        assertEquals(200, r.status());
        JsonObject m = r.json();
        assertEquals("http://" + base.getHost() + ":" + base.getPort() + "/mcp-it/mcp", m.getString("resource"));
        assertEquals("https://login.example.com", m.getJsonArray("authorization_servers").getString(0));
        assertEquals("header", m.getJsonArray("bearer_methods_supported").getString(0));
        assertEquals(2, m.getJsonArray("scopes_supported").size());
    }

    @Test
    void streamableHttpNeedsTheTokenToo() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
        URI uri = URI.create("http://" + base.getHost() + ":" + base.getPort() + "/mcp-it/mcp");
        HttpRequest.Builder post = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("MCP-Protocol-Version", MODERN)
                .header("Mcp-Method", "server/discover")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> anonymous = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow().contains("resource_metadata="));
        HttpResponse<String> alice = http.send(post.header("Authorization", "Bearer good-alice").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, alice.statusCode(), alice.body());
        assertTrue(alice.body().contains("supportedVersions"), alice.body());
    }

    @Test
    void theCallerIsTheConnectionsPrincipalInBothEras() {
        for (ProtocolEra era : new ProtocolEra[] {ProtocolEra.LEGACY, ProtocolEra.MODERN}) {
            try (McpClient c = McpClient.builder(wsUri()).era(era).bearerToken(() -> "good-alice").build()) {
                c.connect();
                assertEquals("alice", c.callTool("whoami", Map.of()).text(), era.name());
            }
        }
    }

    @Test
    void anExpiredTokenClosesWith1008AndTheClientRetriesOnlyWithANewToken() throws Exception {
        BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
        BlockingQueue<ServerDescription> back = new LinkedBlockingQueue<>();
        BlockingQueue<Throwable> gaveUp = new LinkedBlockingQueue<>();
        McpClientListener listener = new McpClientListener() {
            @Override
            public void disconnected(int closeCode, String reason, boolean willReconnect) {
                closes.add(closeCode);
            }

            @Override
            public void reconnected(ServerDescription server) {
                back.add(server);
            }

            @Override
            public void gaveUp(Throwable cause) {
                gaveUp.add(cause);
            }
        };
        AtomicInteger asked = new AtomicInteger();
        ReconnectPolicy fast = ReconnectPolicy.DEFAULT.withInitialDelay(Duration.ofMillis(50)).withMaxDelay(Duration.ofMillis(500));
        // a refreshing token source: short-lived first, then a fresh one
        try (McpClient refreshing = McpClient.builder(wsUri()).reconnect(fast).listener(listener)
                .bearerToken(() -> asked.incrementAndGet() == 1 ? "short-bob" : "good-bob").build()) {
            refreshing.connect();
            assertEquals(1008, closes.poll(15, TimeUnit.SECONDS));
            assertNotNull(back.poll(15, TimeUnit.SECONDS), "reconnected with the new token");
            assertEquals("bob", refreshing.callTool("whoami", Map.of()).text());
        }
        // a token source that keeps the expired token: 1008 means "do not retry"
        closes.clear();
        try (McpClient stale = McpClient.builder(wsUri()).reconnect(fast).listener(listener)
                .bearerToken(() -> "short-carol").build()) {
            stale.connect();
            assertEquals(1008, closes.poll(15, TimeUnit.SECONDS));
            assertNotNull(gaveUp.poll(15, TimeUnit.SECONDS), "no retry with the same token");
        }
    }

    // ------------------------------------------------------------------ tokens from browsers (SEP-1288)

    static String asSubprotocol(String token) {
        return "mcp.auth." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private RawHttp.Response rawUpgrade(String protocols) throws java.io.IOException {
        return RawHttp.exchange("localhost", base.getPort(), RawHttp.upgrade(base.getPath() + "mcp",
                "localhost:" + base.getPort(), "Sec-WebSocket-Protocol: " + protocols + "\r\n"));
    }

    @Test
    void aTokenOfferedAsSubprotocolAuthenticatesAndIsNeverSelected() throws Exception {
        RawHttp.Response r = rawUpgrade("mcp, " + asSubprotocol("good-dave"));
        assertEquals(101, r.status(), r.head());
        assertEquals("mcp", r.header("Sec-WebSocket-Protocol"), "only mcp is selected");
        assertTrue(!r.head().contains("mcp.auth"), r.head());
        try (WsClient c = WsClient.connect(wsUri(), "mcp", asSubprotocol("good-dave"))) {
            assertEquals("mcp", c.subprotocol());
            assertEquals("dave", text(c.call("tools/call", modern(jakarta.json.Json.createObjectBuilder()
                    .add("name", "whoami").add("arguments", jakarta.json.JsonObject.EMPTY_JSON_OBJECT)))));
        }
        assertNoLogMentions("good-dave", asSubprotocol("good-dave"));
    }

    @Test
    void aRefusedOrMalformedSubprotocolTokenGets401WithInvalidToken() throws Exception {
        for (String offered : new String[] {asSubprotocol("bad-erin"), "mcp.auth.%%%", "mcp.auth."}) {
            RawHttp.Response r = rawUpgrade("mcp, " + offered);
            assertEquals(401, r.status(), offered);
            assertTrue(r.header("WWW-Authenticate").contains("error=\"invalid_token\""), r.head());
        }
        RawHttp.Response none = rawUpgrade("mcp");
        assertEquals(401, none.status());
        assertTrue(!none.header("WWW-Authenticate").contains("invalid_token"), none.head());
    }

    @Test
    void theSubprotocolCarriesATokenOnlyOnAnUpgrade() throws Exception {
        RawHttp.Response r = RawHttp.exchange("localhost", base.getPort(), RawHttp.post(base.getPath() + "mcp",
                "localhost:" + base.getPort(), "Sec-WebSocket-Protocol: mcp, " + asSubprotocol("good-dave") + "\r\n"
                        + "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: server/discover\r\n", SecureDefaultsIT.DISCOVER));
        assertEquals(401, r.status(), r.head());
    }

    @Test
    void ourClientSendsTheTokenAsSubprotocolOnRequestAndExpiryStillCloses1008() throws Exception {
        try (McpClient c = McpClient.builder(wsUri()).bearerToken(() -> "good-frank").tokenInSubprotocol(true).build()) {
            c.connect();
            assertEquals("frank", c.callTool("whoami", Map.of()).text());
        }
        BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
        McpClientListener listener = new McpClientListener() {
            @Override
            public void disconnected(int closeCode, String reason, boolean willReconnect) {
                closes.add(closeCode);
            }
        };
        try (McpClient c = McpClient.builder(wsUri()).listener(listener).reconnect(ReconnectPolicy.DEFAULT
                        .withInitialDelay(Duration.ofMillis(50)).withMaxDelay(Duration.ofMillis(500)))
                .bearerToken(() -> "short-gina").tokenInSubprotocol(true).build()) {
            c.connect();
            assertEquals("gina", c.callTool("whoami", Map.of()).text());
            assertEquals(1008, closes.poll(15, TimeUnit.SECONDS));
        }
    }

    /** The server's log files (messages, console, trace) name neither form of a token. */
    private static void assertNoLogMentions(String... secrets) throws java.io.IOException {
        java.nio.file.Path logs = java.nio.file.Path.of(System.getProperty("wlp.home", "target/liberty/wlp"), "usr",
                "servers", System.getProperty("liberty.server.name", "defaultServer"), "logs");
        assertTrue(java.nio.file.Files.isDirectory(logs), "no server logs at " + logs);
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(logs)) {
            for (java.nio.file.Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                String text = new String(java.nio.file.Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    assertTrue(!text.contains(secret), f + " mentions " + secret);
                }
            }
        }
    }
}

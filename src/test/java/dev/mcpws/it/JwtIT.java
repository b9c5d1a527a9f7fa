package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mcpws.client.McpClient;
import dev.mcpws.client.McpErrorException;
import dev.mcpws.client.ToolCallResult;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Bearer auth turned on by configuration only: the deployment sets {@code mp.jwt.verify.publickey} (PEM of a key pair
 * made here), {@code mp.jwt.verify.issuer} and {@code mp.jwt.verify.audiences}, and has no {@code McpTokenVerifier}.
 * Tokens signed here are accepted; unsigned, foreign-key and wrong-audience ones get 401, on the upgrade and on POST.
 */
class JwtIT extends McpIT {

    static final String ISSUER = "https://login.example.com/realms/mcp";
    static final RSAKey KEY = generate();
    static final RSAKey FOREIGN = generate();

    static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Deployment(testable = false)
    public static WebArchive deployment() throws Exception {
        String pem = Base64.getEncoder().encodeToString(KEY.toPublicKey().getEncoded());
        return testWar(String.join("\n",
                "mp.jwt.verify.publickey=-----BEGIN PUBLIC KEY-----" + pem + "-----END PUBLIC KEY-----",
                "mp.jwt.verify.issuer=" + ISSUER,
                "mp.jwt.verify.audiences=mcp-it"));
    }

    static String token(RSAKey key, String audience) {
        return token(key, audience, "mcp");
    }

    /** A token for {@code preferred_username} dana with the space-separated {@code scope}. */
    static String token(RSAKey key, String audience, String scope) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                    .issuer(ISSUER).audience(audience).claim("preferred_username", "dana").claim("scope", scope)
                    .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    int upgradeStatus(String token) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        CompletionException e = assertThrows(CompletionException.class,
                () -> b.buildAsync(wsUri(), new WebSocket.Listener() { }).join());
        assertTrue(e.getCause() instanceof WebSocketHandshakeException, e.toString());
        HttpResponse<?> r = ((WebSocketHandshakeException) e.getCause()).getResponse();
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer resource_metadata="));
        return r.statusCode();
    }

    HttpResponse<String> post(String token) throws Exception {
        return post(token, "server/discover", "");
    }

    /** A 2026-07-28 POST of {@code method} with {@code params} (JSON members after {@code _meta}, or empty). */
    HttpResponse<String> post(String token, String method, String params) throws Exception {
        return post(base, token, method, params);
    }

    /** The same POST to the deployment at {@code base}. */
    static HttpResponse<String> post(java.net.URL base, String token, String method, String params) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":{\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}" + (params.isEmpty() ? "" : "," + params) + "}}";
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://" + base.getHost() + ":" + base.getPort()
                        + base.getPath() + "mcp")).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("MCP-Protocol-Version", MODERN)
                .header("Mcp-Method", method).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (method.equals("tools/call")) {
            post.header("Mcp-Name", "server_stats");
        }
        if (token != null) {
            post.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(post.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theUpgradeNeedsATokenSignedByTheConfiguredKey() {
        assertEquals(401, upgradeStatus(null));
        assertEquals(401, upgradeStatus(token(FOREIGN, "mcp-it")));
        assertEquals(401, upgradeStatus(token(KEY, "another-api")));
        try (McpClient c = McpClient.builder(wsUri()).bearerToken(() -> token(KEY, "mcp-it")).build()) {
            c.connect();
            assertEquals("ok", c.callTool("echo", Map.of("text", "ok")).text());
        }
    }

    @Test
    void streamableHttpNeedsTheTokenToo() throws Exception {
        HttpResponse<String> anonymous = post(null);
        assertEquals(401, anonymous.statusCode());
        HttpResponse<String> foreign = post(token(FOREIGN, "mcp-it"));
        assertEquals(401, foreign.statusCode());
        assertTrue(foreign.headers().firstValue("WWW-Authenticate").orElseThrow().endsWith("error=\"invalid_token\""));
        HttpResponse<String> good = post(token(KEY, "mcp-it"));
        assertEquals(200, good.statusCode(), good.body());
        assertTrue(good.body().contains("supportedVersions"), good.body());
    }

    @Test
    void theMetadataNamesTheIssuer() {
        HttpResult r = get("/mcp-it/.well-known/oauth-protected-resource/mcp");
        assertEquals(200, r.status());
        JsonObject m = r.json();
        assertEquals(ISSUER, m.getJsonArray("authorization_servers").getString(0));
    }

    @Test
    void serverStatsIsForAdminsOnlyOverWebSocket() {
        try (McpClient plain = McpClient.builder(wsUri()).bearerToken(() -> token(KEY, "mcp-it", "mcp")).build();
             McpClient admin = McpClient.builder(wsUri()).bearerToken(() -> token(KEY, "mcp-it", "mcp mcp:admin")).build()) {
            plain.connect();
            admin.connect();
            assertTrue(plain.listTools().stream().anyMatch(t -> t.name().equals("echo")), "the plain caller sees tools");
            assertFalse(plain.listTools().stream().anyMatch(t -> t.name().equals("server_stats")));
            McpErrorException hidden = assertThrows(McpErrorException.class, () -> plain.callTool("server_stats", Map.of()));
            McpErrorException missing = assertThrows(McpErrorException.class, () -> plain.callTool("no_stats", Map.of()));
            assertEquals(missing.code(), hidden.code());
            assertEquals(missing.getMessage().replace("no_stats", "server_stats"), hidden.getMessage(),
                    "a hidden tool answers like a missing one");

            assertTrue(admin.listTools().stream().anyMatch(t -> t.name().equals("server_stats")));
            ToolCallResult stats = admin.callTool("server_stats", Map.of());
            assertFalse(stats.isError(), stats.json().toString());
            assertTrue(stats.structuredContent().getJsonNumber("webSocketConnections").longValue() >= 2,
                    "both clients of this test are open: " + stats.structuredContent());
            assertTrue(stats.structuredContent().getJsonNumber("uptimeSeconds").longValue() >= 0);
        }
    }

    @Test
    void serverStatsIsForAdminsOnlyOverHttp() throws Exception {
        String call = "\"name\":\"server_stats\",\"arguments\":{}";
        HttpResponse<String> plainList = post(token(KEY, "mcp-it", "mcp"), "tools/list", "");
        assertEquals(200, plainList.statusCode());
        assertTrue(plainList.body().contains("\"echo\"") && !plainList.body().contains("server_stats"), plainList.body());
        assertTrue(plainList.body().contains("\"cacheScope\":\"private\""), "the list depends on the token");
        HttpResponse<String> plainCall = post(token(KEY, "mcp-it", "mcp"), "tools/call", call);
        assertTrue(plainCall.body().contains("\"code\":-32602") && plainCall.body().contains("Unknown tool"),
                plainCall.body());
        HttpResponse<String> adminList = post(token(KEY, "mcp-it", "mcp:admin"), "tools/list", "");
        assertTrue(adminList.body().contains("\"server_stats\""), adminList.body());
        HttpResponse<String> adminCall = post(token(KEY, "mcp-it", "mcp:admin"), "tools/call", call);
        assertEquals(200, adminCall.statusCode());
        assertTrue(adminCall.body().contains("\"uptimeSeconds\""), adminCall.body());
    }
}

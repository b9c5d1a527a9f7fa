package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                    .issuer(ISSUER).audience(audience).claim("preferred_username", "dana").claim("scope", "mcp")
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
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://" + base.getHost() + ":" + base.getPort()
                        + "/mcp-it/mcp")).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("MCP-Protocol-Version", MODERN)
                .header("Mcp-Method", "server/discover").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
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
}

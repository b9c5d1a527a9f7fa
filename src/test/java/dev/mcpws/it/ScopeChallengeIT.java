package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.client.McpClient;
import dev.mcpws.client.McpErrorException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * {@code mcp.auth.forbidden=challenge}: a tool that needs scopes the token lacks is listed, and calling it answers
 * -32007 naming the scopes; over Streamable HTTP that is 403 with an RFC 6750 {@code insufficient_scope} challenge,
 * so a client can ask for a token with more scopes (step-up).
 */
@RunAsClient
class ScopeChallengeIT extends McpIT {

    static final String CALL = "\"name\":\"server_stats\",\"arguments\":{}";

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        String pem = Base64.getEncoder().encodeToString(JwtIT.KEY.toPublicKey().getEncoded());
        return testWar("scopes-it", String.join("\n",
                "mp.jwt.verify.publickey=-----BEGIN PUBLIC KEY-----" + pem + "-----END PUBLIC KEY-----",
                "mp.jwt.verify.issuer=" + JwtIT.ISSUER,
                "mp.jwt.verify.audiences=mcp-it",
                "mcp.auth.forbidden=challenge"));
    }

    @Test
    void overHttpATokenWithoutTheScopeGets403WithAStepUpChallenge() throws Exception {
        String plain = JwtIT.token(JwtIT.KEY, "mcp-it", "mcp");
        HttpResponse<String> list = JwtIT.post(base, plain, "tools/list", "");
        assertTrue(list.body().contains("\"server_stats\""), "challenge lists what the caller may not use");
        HttpResponse<String> call = JwtIT.post(base, plain, "tools/call", CALL);
        assertEquals(403, call.statusCode(), call.body());
        String challenge = call.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith("Bearer error=\"insufficient_scope\", scope=\"mcp:admin\", resource_metadata=\"http://"),
                challenge);
        assertTrue(challenge.endsWith("/scopes-it/.well-known/oauth-protected-resource/mcp\""), challenge);
        JsonObject error = Json.createReader(new StringReader(call.body())).readObject().getJsonObject("error");
        assertEquals(-32007, error.getInt("code"));
        assertEquals("mcp:admin", error.getJsonObject("data").getJsonArray("requiredScopes").getString(0));

        HttpResponse<String> admin = JwtIT.post(base, JwtIT.token(JwtIT.KEY, "mcp-it", "mcp mcp:admin"), "tools/call", CALL);
        assertEquals(200, admin.statusCode(), admin.body());
        assertTrue(admin.body().contains("\"uptimeSeconds\""), admin.body());
    }

    @Test
    void overWebSocketTheErrorNamesTheScopes() {
        try (McpClient plain = McpClient.builder(wsUri()).bearerToken(() -> JwtIT.token(JwtIT.KEY, "mcp-it", "mcp")).build()) {
            plain.connect();
            assertTrue(plain.listTools().stream().anyMatch(t -> t.name().equals("server_stats")));
            McpErrorException e = org.junit.jupiter.api.Assertions.assertThrows(McpErrorException.class,
                    () -> plain.callTool("server_stats", Map.of()));
            assertEquals(-32007, e.code());
            assertEquals("mcp:admin", e.data().asJsonObject().getJsonArray("requiredScopes").getString(0));
        }
    }
}

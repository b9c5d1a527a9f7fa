package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Streamable HTTP on {@code POST/GET/DELETE /mcp} (the WebSocket path) with the JDK HttpClient. */
@RunAsClient
class StreamableHttpIT extends McpIT {

    static final String ACCEPT_BOTH = "application/json, text/event-stream";
    static final AtomicLong IDS = new AtomicLong();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar("mcp.http.sse-keepalive-ms=200");
    }

    URI endpoint() {
        return URI.create("http://" + base.getHost() + ":" + base.getPort() + base.getPath() + "mcp");
    }

    static String request(String method, JsonObject params) {
        return Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", IDS.incrementAndGet()).add("method", method)
                .add("params", params).build().toString();
    }

    static String notification(String method) {
        return Json.createObjectBuilder().add("jsonrpc", "2.0").add("method", method).build().toString();
    }

    HttpRequest.Builder post(String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint()).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", ACCEPT_BOTH)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    /** A 2026-07-28 POST with the request-metadata headers the transport spec requires. */
    HttpRequest.Builder modernPost(String method, String name, JsonObject params) {
        List<String> h = new ArrayList<>(List.of("MCP-Protocol-Version", MODERN, "Mcp-Method", method));
        if (name != null) {
            h.addAll(List.of("Mcp-Name", name));
        }
        return post(request(method, params), h.toArray(String[]::new));
    }

    String initialize() throws Exception {
        HttpResponse<String> r = send(post(request("initialize", Json.createObjectBuilder()
                .add("protocolVersion", LEGACY).add("capabilities", Json.createObjectBuilder())
                .add("clientInfo", Json.createObjectBuilder().add("name", "it-http").add("version", "1")).build())));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(LEGACY, json(r.body()).getJsonObject("result").getString("protocolVersion"));
        String sid = r.headers().firstValue("Mcp-Session-Id").orElse(null);
        assertNotNull(sid, "initialize issues Mcp-Session-Id");
        HttpResponse<String> n = send(post(notification("notifications/initialized"),
                "Mcp-Session-Id", sid, "MCP-Protocol-Version", LEGACY));
        assertEquals(202, n.statusCode());
        assertEquals("", n.body());
        return sid;
    }

    @Test
    void legacySessionLifecycle() throws Exception {
        String sid = initialize();
        HttpResponse<String> call = send(post(request("tools/call", toolCall("echo", args().add("text", "hi over http"))),
                "Mcp-Session-Id", sid, "MCP-Protocol-Version", LEGACY));
        assertEquals(200, call.statusCode(), call.body());
        assertTrue(call.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("hi over http", text(json(call.body()).getJsonObject("result")));

        HttpResponse<String> delete = send(HttpRequest.newBuilder(endpoint()).DELETE().header("Mcp-Session-Id", sid));
        assertEquals(204, delete.statusCode());
        HttpResponse<String> after = send(post(request("tools/list", JsonObject.EMPTY_JSON_OBJECT),
                "Mcp-Session-Id", sid, "MCP-Protocol-Version", LEGACY));
        assertEquals(404, after.statusCode(), "an ended session is unknown");
        assertEquals(404, send(HttpRequest.newBuilder(endpoint()).DELETE().header("Mcp-Session-Id", sid)).statusCode());
    }

    @Test
    void legacyRequestWithoutSessionIs400() throws Exception {
        HttpResponse<String> r = send(post(request("tools/list", JsonObject.EMPTY_JSON_OBJECT), "MCP-Protocol-Version", LEGACY));
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(404, send(post(request("tools/list", JsonObject.EMPTY_JSON_OBJECT),
                "Mcp-Session-Id", "no-such-session", "MCP-Protocol-Version", LEGACY)).statusCode());
        assertEquals(400, send(post(request("tools/list", JsonObject.EMPTY_JSON_OBJECT),
                "MCP-Protocol-Version", "1999-01-01")).statusCode(), "unsupported MCP-Protocol-Version");
    }

    @Test
    void modernStatelessRequestGetsJson() throws Exception {
        HttpResponse<String> r = send(modernPost("tools/call", "echo", modern(Json.createObjectBuilder()
                .add("name", "echo").add("arguments", args().add("text", "stateless")))));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Mcp-Session-Id").isEmpty(), "no session in 2026-07-28");
        // a JSON answer is one write with its length, not a chunked body ended by a second small write (which waited
        // for the client's delayed ACK, about 40 ms per POST)
        assertEquals(String.valueOf(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
                r.headers().firstValue("Content-Length").orElse("none"), r.headers().toString());
        assertTrue(r.headers().firstValue("Transfer-Encoding").isEmpty(), r.headers().toString());
        JsonObject result = json(r.body()).getJsonObject("result");
        assertEquals("stateless", text(result));
        assertEquals("complete", result.getString("resultType"));

        HttpResponse<String> discover = send(modernPost("server/discover", null, modern()));
        assertEquals(200, discover.statusCode(), discover.body());
        assertTrue(json(discover.body()).getJsonObject("result").containsKey("supportedVersions"));

        HttpResponse<String> unknown = send(modernPost("no/such", null, modern()));
        assertEquals(404, unknown.statusCode(), "unknown method: 404 + -32601");
        assertEquals(-32601, json(unknown.body()).getJsonObject("error").getInt("code"));
    }

    @Test
    void headerMismatchIs32020() throws Exception {
        JsonObject params = modern(Json.createObjectBuilder().add("name", "echo").add("arguments", args().add("text", "x")));
        HttpResponse<String> r = send(modernPost("tools/call", "calculate", params));
        assertEquals(400, r.statusCode());
        assertEquals(-32020, json(r.body()).getJsonObject("error").getInt("code"));

        HttpResponse<String> method = send(post(request("tools/call", params), "MCP-Protocol-Version", MODERN,
                "Mcp-Method", "tools/list", "Mcp-Name", "echo"));
        assertEquals(400, method.statusCode());
        assertEquals(-32020, json(method.body()).getJsonObject("error").getInt("code"));

        HttpResponse<String> version = send(post(request("tools/call", params), "MCP-Protocol-Version", LEGACY,
                "Mcp-Method", "tools/call", "Mcp-Name", "echo"));
        assertEquals(400, version.statusCode(), "header version differs from _meta");
        assertEquals(-32020, json(version.body()).getJsonObject("error").getInt("code"));

        // base64 sentinel form of Mcp-Name is decoded before comparing
        HttpResponse<String> encoded = send(modernPost("tools/call", "=?base64?ZWNobw==?=", params));
        assertEquals(200, encoded.statusCode(), encoded.body());
    }

    @Test
    void badOriginIs403() throws Exception {
        HttpResponse<String> r = send(modernPost("server/discover", null, modern()).header("Origin", "http://evil.example"));
        assertEquals(403, r.statusCode());
        HttpResponse<String> ok = send(modernPost("server/discover", null, modern()).header("Origin", "http://allowed.example"));
        assertEquals(200, ok.statusCode(), ok.body());
    }

    @Test
    void getWithoutSessionIs405AndWithSessionStreams() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(endpoint()).GET().header("Accept", "text/event-stream"));
        assertEquals(405, r.statusCode());
        HttpResponse<String> modernGet = send(HttpRequest.newBuilder(endpoint()).GET().header("Accept", "text/event-stream")
                .header("MCP-Protocol-Version", MODERN));
        assertEquals(405, modernGet.statusCode());

        String sid = initialize();
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(endpoint()).GET()
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", sid)
                .header("MCP-Protocol-Version", LEGACY).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = stream.body()) {
            assertEquals(200, stream.statusCode());
            assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            // the keep-alive comment (every 200 ms in this deployment) shows the stream is live
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            assertEquals(":", reader.readLine());
        }
        assertEquals(404, send(HttpRequest.newBuilder(endpoint()).GET().header("Accept", "text/event-stream")
                .header("Mcp-Session-Id", "nope")).statusCode());
        send(HttpRequest.newBuilder(endpoint()).DELETE().header("Mcp-Session-Id", sid));
    }

    @Test
    void progressMakesAnSseResponse() throws Exception {
        JsonObject params = Json.createObjectBuilder().add("name", "slow_task")
                .add("arguments", args().add("steps", 3).add("stepMillis", 20))
                .add("_meta", modernMeta().add("progressToken", "p1")).build();
        HttpResponse<String> r = send(modernPost("tools/call", "slow_task", params));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"), r.headers().toString());
        List<JsonObject> events = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(json(line.substring(6)));
            }
        }
        assertEquals(4, events.size(), r.body());
        for (int i = 0; i < 3; i++) {
            assertEquals("notifications/progress", events.get(i).getString("method"));
            assertEquals(i + 1, events.get(i).getJsonObject("params").getInt("progress"));
        }
        assertEquals("complete", events.get(3).getJsonObject("result").getString("resultType"));

        // a client that accepts only JSON gets the result alone
        HttpResponse<String> plain = send(modernPost("tools/call", "slow_task", params).setHeader("Accept", "application/json"));
        assertEquals(200, plain.statusCode(), plain.body());
        assertTrue(plain.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(json(plain.body()).containsKey("result"));
    }

    @Test
    void closingTheSseStreamCancelsTheRequest() throws Exception {
        String cancelled = "outcome=\"cancelled\"";
        double before = metric("mcp_server_request_duration_seconds_count", "name=\"slow_task\"", cancelled);
        JsonObject params = Json.createObjectBuilder().add("name", "slow_task")
                .add("arguments", args().add("steps", 100).add("stepMillis", 50))
                .add("_meta", modernMeta().add("progressToken", "c1")).build();
        HttpResponse<InputStream> r = http.send(modernPost("tools/call", "slow_task", params).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null && !line.startsWith("data: ")) {
                // skip to the first event
            }
            assertNotNull(line);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        double after = before;
        while (System.nanoTime() < deadline && after <= before) {
            Thread.sleep(200);
            after = metric("mcp_server_request_duration_seconds_count", "name=\"slow_task\"", cancelled);
        }
        assertTrue(after > before, "the request was cancelled when its stream closed");
    }

    @Test
    void notificationOnlyPostIs202AndBadBodiesAre4xx() throws Exception {
        assertEquals(202, send(post(notification("notifications/cancelled"))).statusCode());
        HttpResponse<String> parse = send(post("{not json"));
        assertEquals(400, parse.statusCode());
        assertEquals(-32700, json(parse.body()).getJsonObject("error").getInt("code"));
        assertEquals(415, send(post("{}").setHeader("Content-Type", "text/plain")).statusCode());
    }
}

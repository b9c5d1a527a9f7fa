package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** MicroProfile Health checks, metric values after known traffic, and the connection CDI events. */
@RunAsClient
class ObservabilityIT extends McpIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar();
    }

    private JsonObject check(String path, String name) {
        HttpResult r = get(path);
        assertEquals(200, r.status(), r::body);
        JsonObject json = r.json();
        assertEquals("UP", json.getString("status"), r::body);
        return json.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " missing in " + r.body()));
    }

    @Test
    void probesReportUpWithUsefulData() {
        try (WsClient legacy = legacy(LEGACY); WsClient modern = connect("mcp")) {
            modern.call("tools/list", modern());
            JsonObject ready = check("/health/ready", "mcp-ready");
            assertEquals("UP", ready.getString("status"));
            JsonObject data = ready.getJsonObject("data");
            assertTrue(data.getInt("activeConnections") >= 2, data::toString);
            assertTrue(data.getInt("legacySessions") >= 1, data::toString);
            assertTrue(data.getInt("statelessConnections") >= 1, data::toString);
            assertEquals(false, data.getBoolean("draining"));
            assertEquals(data.getInt("activeConnections"), data.getInt("websocketConnections") + data.getInt("httpSessions"),
                    () -> "the counts add up by transport: " + data);
            assertEquals(data.getInt("activeConnections"), data.getInt("legacySessions") + data.getInt("statelessConnections"),
                    () -> "the counts add up by era: " + data);

            JsonObject live = check("/health/live", "mcp-live");
            assertEquals("", live.getJsonObject("data").getString("lateTasks"), live::toString);
            assertTrue(live.getJsonObject("data").containsKey("msSince-websocket-heartbeat"), live::toString);
            assertTrue(live.getJsonObject("data").containsKey("msSince-http-housekeeping"), live::toString);
            assertEquals(0, live.getJsonObject("data").getInt("dispatchStallMs"));

            JsonObject started = check("/health/started", "mcp-started");
            assertTrue(started.getJsonObject("data").getInt("tools") >= 3);
        }
    }

    @Test
    void metricsMoveWithTraffic() {
        String echoOk = "name=\"echo\"";
        double callsBefore = metric("mcp_server_request_duration_seconds_count", "method=\"tools/call\"", echoOk, "outcome=\"ok\"");
        double errorsBefore = metric("mcp_server_request_duration_seconds_count", "outcome=\"error_-32602\"");
        double toolErrorsBefore = metric("mcp_server_request_duration_seconds_count", "name=\"fail_business\"", "outcome=\"tool_error\"");
        double openedBefore = metric("mcp_server_connections_opened_total");
        double closedNormalBefore = metric("mcp_server_connections_closed_total", "close_code=\"1000\"");
        double inBefore = metric("mcp_server_messages_received_total");
        double bytesInBefore = metric("mcp_server_received_bytes_total");
        double outBefore = metric("mcp_server_messages_sent_total");

        try (WsClient c = legacy(LEGACY)) { // initialize + initialized
            c.call("tools/call", toolCall("echo", args().add("text", "one")));
            c.call("tools/call", toolCall("echo", args().add("text", "two")));
            c.call("tools/call", toolCall("fail_business", args().add("why", "x")));
            c.request("tools/call", toolCall("nope", args()));
            assertEquals(1, metric("mcp_server_sessions", "era=\"legacy\""), "one legacy session open");
            assertTrue(metric("mcp_server_connections_active") >= 1);
        }
        assertEquals(callsBefore + 2, metric("mcp_server_request_duration_seconds_count", "method=\"tools/call\"", echoOk, "outcome=\"ok\""));
        assertEquals(errorsBefore + 1, metric("mcp_server_request_duration_seconds_count", "outcome=\"error_-32602\""));
        assertEquals(toolErrorsBefore + 1, metric("mcp_server_request_duration_seconds_count", "name=\"fail_business\"", "outcome=\"tool_error\""));
        // request durations are histogram buckets (they add up across nodes), not per-series client-side quantiles
        // (several HdrHistograms each, which grew the heap in the soak as new method/tool/outcome series appeared)
        assertEquals(callsBefore + 2, metric("mcp_server_request_duration_seconds_bucket", "method=\"tools/call\"", echoOk,
                "outcome=\"ok\"", "le=\"+Inf\""), "the +Inf bucket counts every echo call");
        assertFalse(get("/metrics").body().lines().anyMatch(l -> l.startsWith("mcp_server_request_duration_seconds{")
                && l.contains("quantile=")), "no quantiles for request durations");
        assertEquals(openedBefore + 1, metric("mcp_server_connections_opened_total"));
        assertEquals(inBefore + 6, metric("mcp_server_messages_received_total"), "initialize, initialized, 4 calls");
        assertEquals(outBefore + 5, metric("mcp_server_messages_sent_total"), "5 responses");
        assertTrue(metric("mcp_server_sent_bytes_total") > 0);
        assertTrue(metric("mcp_server_received_bytes_total") > bytesInBefore + 300);
        long deadline = System.currentTimeMillis() + 5000;
        while (metric("mcp_server_connections_closed_total", "close_code=\"1000\"") < closedNormalBefore + 1
                && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(closedNormalBefore + 1, metric("mcp_server_connections_closed_total", "close_code=\"1000\""));
        assertEquals(0, metric("mcp_server_sessions", "era=\"legacy\""));
    }

    @Test
    void connectionEventsAreFired() throws Exception {
        String id;
        try (WsClient c = legacy(LEGACY)) {
            String events = text(c.call("tools/call", toolCall("connection_events", args())));
            String last = events.lines().filter(l -> l.startsWith("opened ")).reduce((a, b) -> b).orElseThrow();
            assertTrue(last.endsWith(" websocket mcp"), last);
            id = last.split(" ")[1];
        }
        try (WsClient probe = legacy(LEGACY)) {
            String events = "";
            for (int i = 0; i < 50 && !events.contains("closed " + id + " "); i++) {
                Thread.sleep(100);
                events = text(probe.call("tools/call", toolCall("connection_events", args())));
            }
            assertTrue(events.contains("closed " + id + " 1000"), events);
        }
    }

    /** Streamable HTTP traffic and sessions are counted in the same metrics, under transport="http". */
    @Test
    void httpTrafficAndSessionsAreCountedToo() throws Exception {
        String http = "transport=\"http\"";
        double in = metric("mcp_server_messages_received_total", http);
        double out = metric("mcp_server_messages_sent_total", http);
        double bytesIn = metric("mcp_server_received_bytes_total", http);
        double opened = metric("mcp_server_connections_opened_total", http);
        double deleted = metric("mcp_server_connections_closed_total", http, "close_code=\"1000\"");
        var client = java.net.http.HttpClient.newHttpClient();
        java.net.URI mcp = java.net.URI.create("http://" + base.getHost() + ":" + base.getPort() + base.getPath() + "mcp");
        String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + LEGACY + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"o\",\"version\":\"1\"}}}";
        var r = client.send(java.net.http.HttpRequest.newBuilder(mcp).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(init)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r::body);
        String sid = r.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertEquals(opened + 1, metric("mcp_server_connections_opened_total", http), "the session is a connection");
        assertEquals(in + 1, metric("mcp_server_messages_received_total", http));
        assertEquals(out + 1, metric("mcp_server_messages_sent_total", http));
        assertEquals(bytesIn + init.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                metric("mcp_server_received_bytes_total", http));
        var del = client.send(java.net.http.HttpRequest.newBuilder(mcp).header("Mcp-Session-Id", sid).DELETE().build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertEquals(204, del.statusCode());
        assertEquals(deleted + 1, metric("mcp_server_connections_closed_total", http, "close_code=\"1000\""),
                "a deleted session closes with 1000");
    }

    @Test
    void theProbesOfTheKubernetesManifestAnswerOnTheServer() {
        KubernetesManifest manifest = new KubernetesManifest();
        for (String probe : java.util.List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            HttpResult r = get(manifest.probePath(probe));
            assertEquals(200, r.status(), probe + " " + manifest.probePath(probe) + ": " + r.body());
            assertTrue(r.body().contains("\"status\":\"UP\""), r.body());
        }
    }
}

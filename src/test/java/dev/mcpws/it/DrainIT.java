package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Graceful drain when an application stops: new upgrades refused, in-flight requests finish (on both transports), then
 * every socket (including one opened while the stop began) gets 1001 "server shutting down" and every legacy HTTP
 * session ends with its streams.
 */
@RunAsClient
class DrainIT extends McpIT {

    @Deployment(name = "main", testable = false)
    static WebArchive main() {
        return testWar();
    }

    @Deployment(name = "drain", managed = false, testable = false)
    static WebArchive drained() {
        return testWar("mcp-drain", "mcp.drain.timeout-ms=8000");
    }

    @ArquillianResource
    Deployer deployer;

    private static final class NoopListener implements WebSocket.Listener {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private java.net.http.HttpRequest.Builder post(String sessionId, String body) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://" + base.getHost() + ":" + base.getPort() + "/mcp-drain/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        return sessionId == null ? b : b.header("Mcp-Session-Id", sessionId);
    }

    @Test
    void stoppingTheApplicationDrainsItsConnections() throws Exception {
        deployer.deploy("drain");
        WsClient busy = WsClient.connect(wsUri("mcp-drain"), "mcp");
        busy.call("initialize", Json.createObjectBuilder().add("protocolVersion", LEGACY)
                .add("capabilities", Json.createObjectBuilder())
                .add("clientInfo", Json.createObjectBuilder().add("name", "drain").add("version", "1")).build());
        WsClient idle = WsClient.connect(wsUri("mcp-drain"));
        // Arquillian undeploys by deleting the WAR, after which the application cannot load classes it has not used
        // yet: use the paths of this test once before (a server stop or SIGTERM keeps the files, so it needs no warm-up)
        busy.call("tools/call", toolCall("slow_task", args().add("steps", 1).add("stepMillis", 1)));
        busy.request("tools/call", toolCall("no_such_tool", args()));
        long id = busy.send("tools/call", Json.createObjectBuilder().add("name", "slow_task")
                .add("arguments", args().add("steps", 15).add("stepMillis", 100))
                .add("_meta", Json.createObjectBuilder().add("progressToken", "drain")).build());
        busy.await(m -> "notifications/progress".equals(m.getString("method", "")), "the task runs");

        // a legacy Streamable HTTP session with its GET stream open and a call in flight: drained like the sockets
        var init = HTTP.send(post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"" + LEGACY + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"d\",\"version\":\"1\"}}}")
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        String sid = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        HTTP.send(post(sid, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        var stream = HTTP.sendAsync(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://" + base.getHost() + ":" + base.getPort() + "/mcp-drain/mcp"))
                .header("Accept", "text/event-stream").header("Mcp-Session-Id", sid).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines()).get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, stream.statusCode());
        var streamEnded = java.util.concurrent.CompletableFuture.supplyAsync(() -> stream.body().count());
        // its SSE response starts with the first progress notification: then the task runs
        var httpCall = HTTP.send(post(sid, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"slow_task\",\"arguments\":{\"steps\":10,\"stepMillis\":100},\"_meta\":{\"progressToken\":1}}}")
                .build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertEquals("text/event-stream", httpCall.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        var httpBody = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> httpCall.body().collect(java.util.stream.Collectors.joining("\n")));

        // Arquillian's deployer works on the test thread only: watch readiness and upgrades from another one
        java.util.List<String> readiness = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<Integer> upgrades = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread watcher = new Thread(() -> {
            long deadline = System.currentTimeMillis() + 15_000;
            while (!busy.isClosed() && System.currentTimeMillis() < deadline) {
                HttpResult ready = get("/health/ready");
                readiness.add(ready.status() + (ready.body().contains("\"draining\":true") ? " draining" : ""));
                try {
                    HttpClient.newHttpClient().newWebSocketBuilder()
                            .buildAsync(wsUri("mcp-drain"), new NoopListener()).join().abort();
                    upgrades.add(101);
                } catch (CompletionException e) {
                    upgrades.add(e.getCause() instanceof WebSocketHandshakeException h ? h.getResponse().statusCode() : -1);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        deployer.undeploy("drain"); // returns once the application stopped, i.e. after the drain
        watcher.join(20_000);
        JsonObject done = busy.awaitResponse(id);
        assertEquals("Completed 15 steps", text(done.getJsonObject("result")), "the in-flight request finished during the drain");
        assertEquals(1001, busy.awaitClose());
        assertEquals("server shutting down", busy.awaitCloseReason());
        assertEquals(1001, idle.awaitClose());
        String httpDone = httpBody.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(httpDone.contains("Completed 10 steps"), "the HTTP call finished during the drain: " + httpDone);
        streamEnded.get(10, java.util.concurrent.TimeUnit.SECONDS); // the session's GET stream was ended, not left open
        // Liberty itself unroutes a stopping application (404) and unregisters its health checks before the drain runs;
        // once refused, upgrades stay refused (503 from our filter, or 404), and readiness only reports live apps
        int firstRefusal = upgrades.indexOf(upgrades.stream().filter(st -> st != 101).findFirst().orElse(-2));
        assertTrue(firstRefusal >= 0, "upgrades are refused during the stop: " + upgrades);
        assertTrue(upgrades.subList(firstRefusal, upgrades.size()).stream().allMatch(st -> st == 404 || st == 503),
                "no upgrade is accepted after the first refusal: " + upgrades);
        assertTrue(readiness.stream().allMatch(r -> r.startsWith("200") || r.equals("503 draining")),
                "readiness never reports this application ready-but-draining: " + readiness);

        // the other application on the server was not affected
        try (WsClient other = legacy(LEGACY)) {
            assertTrue(other.call("ping", null).isEmpty());
        }
        assertEquals("UP", get("/health/ready").json().getString("status"));
    }
}

package dev.mcpws.it;

import static dev.mcpws.it.WsClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.it.fixtures.FixtureTasks;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The tasks extension on a real server, over WebSocket and stateless Streamable HTTP: a slow tool run as a task,
 * read while it works and after it finished, cancelled; another connection cannot read or cancel a WebSocket task
 * (answered exactly like an unknown id); live tasks per caller bounded (-32008).
 */
@RunAsClient
class TasksIT extends McpIT {

    static final String EXT = "io.modelcontextprotocol/tasks";
    static final int MAX_PER_CALLER = 2;
    private static final AtomicLong IDS = new AtomicLong(1000);
    private final HttpClient http = HttpClient.newHttpClient();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar("tasks-it", String.join("\n",
                "mcp.tasks.max-live-per-caller=" + MAX_PER_CALLER,
                "mcp.tasks.poll-interval-ms=100")).addClass(FixtureTasks.class);
    }

    /** 2026-07-28 params whose request declares the tasks extension. */
    static JsonObject withTasks(JsonObjectBuilder params) {
        return params.add("_meta", modernMeta().add("io.modelcontextprotocol/clientCapabilities",
                Json.createObjectBuilder().add("extensions", Json.createObjectBuilder().add(EXT, JsonValue.EMPTY_JSON_OBJECT))))
                .build();
    }

    static JsonObject slow(int millis) {
        return withTasks(Json.createObjectBuilder().add("name", "it_slow_task")
                .add("arguments", Json.createObjectBuilder().add("millis", millis)));
    }

    static JsonObject task(String id) {
        return withTasks(Json.createObjectBuilder().add("taskId", id));
    }

    /** Polls (the protocol's way to observe a task) until {@code status}, bounded by 20 s. */
    static JsonObject awaitStatus(Function<String, JsonObject> get, String id, String status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonObject r;
        do {
            r = get.apply(id);
            if (status.equals(r.getString("status"))) {
                return r;
            }
            Thread.sleep(100); // the task's pollIntervalMs
        } while (System.nanoTime() < deadline);
        throw new AssertionError("task " + id + " never reached " + status + ": " + r);
    }

    // ------------------------------------------------------------------ WebSocket

    @Test
    void overWebSocketATaskIsReadCancelledAndBoundToItsConnection() throws Exception {
        try (WsClient owner = connect("mcp"); WsClient other = connect("mcp")) {
            JsonObject caps = owner.call("server/discover", modern()).getJsonObject("capabilities");
            assertTrue(caps.getJsonObject("extensions").containsKey(EXT), caps.toString());

            JsonObject created = owner.call("tools/call", slow(1_000));
            assertEquals("task", created.getString("resultType"));
            assertEquals("working", created.getString("status"));
            String id = created.getString("taskId");
            JsonObject early = owner.call("tasks/get", task(id));
            assertEquals(id, early.getString("taskId"));
            // another connection: exactly the answer of an unknown id, for get and cancel
            for (String method : List.of("tasks/get", "tasks/cancel")) {
                JsonObject foreign = other.request(method, task(id)).getJsonObject("error");
                JsonObject unknown = other.request(method, task("no-such-task-id")).getJsonObject("error");
                assertEquals(-32602, unknown.getInt("code"));
                assertEquals(unknown, foreign);
            }
            JsonObject done = awaitStatus(t -> owner.call("tasks/get", task(t)), id, "completed");
            assertEquals("slept 1000 ms", text(done.getJsonObject("result")));

            // cancel: ack, then cancelled (the other connection's cancel changed nothing)
            String long1 = owner.call("tools/call", slow(60_000)).getString("taskId");
            assertError(other.request("tasks/cancel", task(long1)), -32602);
            assertEquals("working", owner.call("tasks/get", task(long1)).getString("status"));
            JsonObject ack = owner.call("tasks/cancel", task(long1));
            assertEquals("complete", ack.getString("resultType"));
            assertFalse(ack.containsKey("status"));
            assertEquals("cancelled", owner.call("tasks/get", task(long1)).getString("status"));

            // without the extension the same tool is a plain call
            JsonObject plain = owner.call("tools/call", modern(Json.createObjectBuilder().add("name", "it_slow_task")
                    .add("arguments", Json.createObjectBuilder().add("millis", 10))));
            assertFalse(plain.containsKey("taskId"));
            assertEquals("slept 10 ms", text(plain));
        }
    }

    /** A 2026-07-28 listen (declaring the tasks extension) for {@code taskIds}; returns its request id. */
    static long listenForTasks(WsClient c, String... taskIds) {
        jakarta.json.JsonArrayBuilder ids = Json.createArrayBuilder();
        for (String id : taskIds) {
            ids.add(id);
        }
        return c.send("subscriptions/listen", withTasks(Json.createObjectBuilder()
                .add("notifications", Json.createObjectBuilder().add("taskIds", ids))));
    }

    /** The next notifications/tasks of listen {@code listenId} about {@code taskId} in {@code status}. */
    static JsonObject awaitTaskNotification(WsClient c, long listenId, String taskId, String status) {
        return c.await(m -> "notifications/tasks".equals(m.getString("method", null))
                && m.getJsonObject("params").getString("taskId").equals(taskId)
                && m.getJsonObject("params").getString("status").equals(status)
                && m.getJsonObject("params").getJsonObject("_meta")
                .getJsonNumber("io.modelcontextprotocol/subscriptionId").longValue() == listenId,
                "notifications/tasks " + status + " of " + taskId).getJsonObject("params");
    }

    @Test
    void overWebSocketAListenForATaskIsToldItsStatusAndResultWithoutPolling() {
        try (WsClient owner = connect("mcp")) {
            String id = owner.call("tools/call", slow(1_000)).getString("taskId");
            long listen = listenForTasks(owner, id, "no-such-task-id");
            JsonObject ack = owner.await(m -> "notifications/subscriptions/acknowledged".equals(m.getString("method", null)),
                    "the acknowledgement").getJsonObject("params");
            assertEquals(Json.createArrayBuilder().add(id).build(), ack.getJsonObject("notifications").getJsonArray("taskIds"));
            assertEquals("working", awaitTaskNotification(owner, listen, id, "working").getString("status"));
            JsonObject done = awaitTaskNotification(owner, listen, id, "completed");
            assertEquals("slept 1000 ms", text(done.getJsonObject("result")));
            // without the extension in the listen request: -32021
            long refused = owner.send("subscriptions/listen", modern(Json.createObjectBuilder()
                    .add("notifications", Json.createObjectBuilder().add("taskIds", Json.createArrayBuilder().add(id)))));
            assertError(owner.awaitResponse(refused), -32021);
        }
    }

    @Test
    void overWebSocketLiveTasksPerCallerAreBounded() {
        try (WsClient owner = connect("mcp"); WsClient other = connect("mcp")) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < MAX_PER_CALLER; i++) {
                ids.add(owner.call("tools/call", slow(60_000)).getString("taskId"));
            }
            JsonObject refused = owner.request("tools/call", slow(60_000));
            assertError(refused, -32008);
            assertEquals(MAX_PER_CALLER, refused.getJsonObject("error").getJsonObject("data").getInt("limit"));
            // another caller has its own bound
            String others = other.call("tools/call", slow(60_000)).getString("taskId");
            other.call("tasks/cancel", task(others));
            // a cancelled task no longer counts
            owner.call("tasks/cancel", task(ids.get(0)));
            ids.set(0, owner.call("tools/call", slow(60_000)).getString("taskId"));
            for (String id : ids) {
                owner.call("tasks/cancel", task(id));
            }
        }
    }

    @Test
    void theJavaClientRunsALongCallAsATaskAndFollowsIt() {
        try (dev.mcpws.client.McpClient client = dev.mcpws.client.McpClient.builder(wsUri())
                .era(dev.mcpws.client.ProtocolEra.MODERN).build()) {
            client.connect();
            dev.mcpws.client.ToolCallResult r = client.callToolAsTask("it_slow_task", java.util.Map.of("millis", 1_500),
                    Duration.ofSeconds(30));
            assertEquals("slept 1500 ms", r.text());
            // a tool without task support answers as a plain call
            assertEquals("it", client.callToolAsTask("echo", java.util.Map.of("text", "it"), Duration.ofSeconds(30)).text());
        }
    }

    @Test
    void experimentalTasksOf20251125OverWebSocket() {
        try (WsClient owner = legacy(LEGACY); WsClient other = legacy(LEGACY)) {
            JsonObject created = owner.call("tools/call", Json.createObjectBuilder().add("name", "it_slow_task")
                    .add("arguments", Json.createObjectBuilder().add("millis", 500))
                    .add("task", Json.createObjectBuilder().add("ttl", 60_000)).build());
            String id = created.getJsonObject("task").getString("taskId");
            JsonObject taskId = Json.createObjectBuilder().add("taskId", id).build();
            // tasks/result waits for the end, then answers what the call would have
            JsonObject result = owner.call("tasks/result", taskId);
            assertEquals("slept 500 ms", text(result));
            // the session that created the task is told its new status (2025-11-25 notifications/tasks/status)
            JsonObject status = owner.await(m -> "notifications/tasks/status".equals(m.getString("method", null))
                    && id.equals(m.getJsonObject("params").getString("taskId", null)), "the task's status notification");
            assertEquals("completed", status.getJsonObject("params").getString("status"));
            assertTrue(status.getJsonObject("params").containsKey("lastUpdatedAt"), "params are the Task: " + status);
            assertEquals("completed", owner.call("tasks/get", taskId).getString("status"));
            assertEquals(1, owner.call("tasks/list", JsonObject.EMPTY_JSON_OBJECT).getJsonArray("tasks").size());
            // bound to the session: the other connection neither sees nor lists it
            assertError(other.request("tasks/get", taskId), -32602);
            assertEquals(0, other.call("tasks/list", JsonObject.EMPTY_JSON_OBJECT).getJsonArray("tasks").size());
        }
    }

    // ------------------------------------------------------------------ Streamable HTTP (stateless)

    URI endpoint() {
        return URI.create("http://" + base.getHost() + ":" + base.getPort() + base.getPath() + "mcp");
    }

    /** One stateless 2026-07-28 POST with the request headers (Mcp-Name: the task id or tool name). */
    HttpResponse<String> post(String method, String name, JsonObject params) throws Exception {
        String body = Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", IDS.incrementAndGet())
                .add("method", method).add("params", params).build().toString();
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint()).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", MODERN).header("Mcp-Method", method)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (name != null) {
            b.header("Mcp-Name", name);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(HttpResponse<String> r) {
        String body = r.body();
        if (body.startsWith("event:") || body.startsWith("data:") || body.startsWith("id:")) {
            String last = body.lines().filter(l -> l.startsWith("data:")).reduce((a, b) -> b).orElseThrow();
            body = last.substring(5).trim();
        }
        return Json.createReader(new StringReader(body)).readObject();
    }

    JsonObject result(String method, String name, JsonObject params) {
        try {
            JsonObject r = json(post(method, name, params));
            assertTrue(r.containsKey("result"), () -> method + ": " + r);
            return r.getJsonObject("result");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void overStreamableHttpATaskOutlivesItsPostAndIsReadByItsId() throws Exception {
        JsonObject created = result("tools/call", "it_slow_task", slow(1_000));
        assertEquals("task", created.getString("resultType"));
        String id = created.getString("taskId");
        // every POST is a new exchange: the task is read by its id (no identity without authentication)
        JsonObject done = awaitStatus(t -> result("tasks/get", t, task(t)), id, "completed");
        assertEquals("slept 1000 ms", text(done.getJsonObject("result")));

        HttpResponse<String> mismatch = post("tasks/get", "another-id", task(id));
        assertEquals(400, mismatch.statusCode());
        assertEquals(-32020, json(mismatch).getJsonObject("error").getInt("code"));
        assertEquals(-32602, json(post("tasks/get", "no-such-task-id", task("no-such-task-id")))
                .getJsonObject("error").getInt("code"));
        JsonObject noExtension = json(post("tasks/get", id, modern(Json.createObjectBuilder().add("taskId", id))));
        assertEquals(-32021, noExtension.getJsonObject("error").getInt("code"));

        String long1 = result("tools/call", "it_slow_task", slow(60_000)).getString("taskId");
        assertEquals("complete", result("tasks/cancel", long1, task(long1)).getString("resultType"));
        assertEquals("cancelled", result("tasks/get", long1, task(long1)).getString("status"));
    }
}

package dev.mcpws.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.api.Cancellation;
import dev.mcpws.api.ElicitResult;
import dev.mcpws.api.Elicitation;
import dev.mcpws.api.TaskControl;
import dev.mcpws.api.TaskSupport;
import dev.mcpws.api.Tool;
import dev.mcpws.api.ToolException;
import dev.mcpws.engine.EngineHarness;
import dev.mcpws.engine.EngineSettings;
import dev.mcpws.engine.McpSession;
import dev.mcpws.engine.TaskSettings;
import dev.mcpws.protocol.JsonRpcCodec;
import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.tasks.InMemoryTaskStore;
import dev.mcpws.tasks.TaskRecord;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tasks extension (io.modelcontextprotocol/tasks, SEP-2663) end to end on a real engine: task-augmented
 * tools/call, tasks/get|update|cancel, input inside a task, MRTR before a task, caller binding, limits, shutdown.
 */
class ToolTasksTest {

    static final String EXT = "io.modelcontextprotocol/tasks";

    /** The tools of the tests; latches let a test decide when the slow one finishes. */
    static final class TaskTools {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean interrupted = new AtomicBoolean();

        @Tool(name = "slow", taskSupport = TaskSupport.OPTIONAL)
        public String slow(Cancellation cancellation) {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw new Cancellation.CancelledException("interrupted");
            }
            return "done";
        }

        @Tool(name = "plain")
        public String plain() {
            return "plain";
        }

        @Tool(name = "must", taskSupport = TaskSupport.REQUIRED)
        public String must() {
            return "must";
        }

        @Tool(name = "fails", taskSupport = TaskSupport.OPTIONAL)
        public String fails() {
            throw new ToolException("nope");
        }

        @Tool(name = "crash", taskSupport = TaskSupport.OPTIONAL)
        public String crash() {
            throw new IllegalStateException("secret detail");
        }

        @Tool(name = "ask", taskSupport = TaskSupport.OPTIONAL)
        public String ask(Elicitation e) {
            return "got " + e.form("confirm", "Sure?", schema("ok")).action();
        }

        @Tool(name = "two", taskSupport = TaskSupport.OPTIONAL)
        public String two(Elicitation e) {
            Supplier<ElicitResult> a = e.formLater("a", "A?", schema("name"));
            Supplier<ElicitResult> b = e.formLater("b", "B?", schema("name"));
            return a.get().string("name") + "+" + b.get().string("name");
        }

        @Tool(name = "composed", taskSupport = TaskSupport.REQUIRED)
        public String composed(Elicitation e, TaskControl task) {
            ElicitResult r = e.form("user_name", "Name?", schema("name"));
            assertTrue(task.start());
            task.status("greeting");
            return "Hello, " + r.string("name") + "!";
        }

        static JsonObject schema(String field) {
            return Json.createObjectBuilder().add("type", "object").add("properties",
                    Json.createObjectBuilder().add(field, Json.createObjectBuilder().add("type", "string"))).build();
        }
    }

    private final TaskTools tools = new TaskTools();
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final AtomicLong ids = new AtomicLong();
    private EngineHarness h;

    private EngineHarness harness(int maxPerCaller) {
        h = new EngineHarness(List.of(new ToolsFeature(TestTools.registry(tools), 100)), EngineSettings.DEFAULTS,
                b -> b.timer(timer).tasks(store, new TaskSettings(60_000, 50, maxPerCaller, 100, 30_000, "node-a")));
        return h;
    }

    @AfterEach
    void stop() {
        tools.release.countDown();
        if (h != null) {
            h.close();
        }
        timer.shutdownNow();
    }

    // ------------------------------------------------------------------ requests

    static JsonObjectBuilder params(boolean withTasks) {
        JsonObjectBuilder caps = Json.createObjectBuilder().add("elicitation", JsonValue.EMPTY_JSON_OBJECT);
        if (withTasks) {
            caps.add("extensions", Json.createObjectBuilder().add(EXT, JsonValue.EMPTY_JSON_OBJECT));
        }
        return Json.createObjectBuilder().add("_meta", EngineHarness.modernMeta().add(EngineHarness.CLIENT_CAPABILITIES_KEY, caps));
    }

    /** Sends a request on {@code session} (whose connection is {@code conn}) and returns the response. */
    private JsonObject send(McpSession session, EngineHarness.RecordingConnection conn, String method,
                            JsonObjectBuilder params) {
        JsonRpcMessage m = JsonRpcCodec.decode(JsonRpcCodec.toText(
                EngineHarness.request(ids.incrementAndGet(), method, params)));
        h.engine.onMessage(session, m, conn.channelFor(m));
        return conn.nextObject();
    }

    private JsonObject send(String method, JsonObjectBuilder params) {
        return send(h.session, h.connection, method, params);
    }

    private JsonObject call(String tool, boolean withTasks) {
        return send("tools/call", params(withTasks).add("name", tool).add("arguments", JsonValue.EMPTY_JSON_OBJECT));
    }

    private JsonObject get(String taskId) {
        return send("tasks/get", params(true).add("taskId", taskId));
    }

    /** Polls tasks/get (the protocol's own way to observe a task) until {@code status} or a bound of 5 s. */
    private JsonObject await(String taskId, String status) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        JsonObject r;
        do {
            r = get(taskId).getJsonObject("result");
            if (r.getString("status").equals(status)) {
                return r;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        } while (System.nanoTime() < deadline);
        throw new AssertionError("task " + taskId + " did not reach " + status + ": " + r);
    }

    private static String taskId(JsonObject response) {
        JsonObject result = response.getJsonObject("result");
        assertEquals("task", result.getString("resultType"), response.toString());
        return result.getString("taskId");
    }

    // ------------------------------------------------------------------ tests

    @Test
    void discoverAdvertisesTheExtensionAndToolsListTheirTaskSupport() {
        harness(4);
        JsonObject caps = send("server/discover", params(false)).getJsonObject("result").getJsonObject("capabilities");
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, caps.getJsonObject("extensions").getJsonObject(EXT));
        assertFalse(caps.containsKey("tasks"), "no 2025-11-25 style capability in 2026-07-28");
        List<JsonObject> listed = send("tools/list", params(false)).getJsonObject("result").getJsonArray("tools")
                .getValuesAs(JsonObject.class);
        JsonObject slow = listed.stream().filter(t -> t.getString("name").equals("slow")).findFirst().orElseThrow();
        JsonObject plain = listed.stream().filter(t -> t.getString("name").equals("plain")).findFirst().orElseThrow();
        assertEquals("optional", slow.getJsonObject("execution").getString("taskSupport"));
        assertFalse(plain.containsKey("execution"));
    }

    @Test
    void aTaskIsCreatedReadWhileWorkingAndCompletesWithTheResult() throws Exception {
        harness(4);
        JsonObject created = call("slow", true).getJsonObject("result");
        assertEquals("task", created.getString("resultType"));
        assertEquals("working", created.getString("status"));
        assertEquals(60_000, created.getInt("ttlMs"));
        assertEquals(50, created.getInt("pollIntervalMs"));
        assertTrue(created.getString("createdAt").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), created.toString());
        assertFalse(created.containsKey("result") || created.containsKey("requestState"), created.toString());
        String id = created.getString("taskId");
        assertTrue(id.length() >= 22, "128 random bits");
        assertTrue(tools.started.await(5, TimeUnit.SECONDS));
        JsonObject working = get(id).getJsonObject("result");
        assertEquals("working", working.getString("status"));
        assertEquals("complete", working.getString("resultType"));
        assertFalse(working.containsKey("result"));
        EngineHarness.assertNothingInFlight(h.session); // the task is not a request in flight
        tools.release.countDown();
        JsonObject done = await(id, "completed");
        assertEquals("done", done.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"));
        assertFalse(done.getJsonObject("result").containsKey("_meta"));
    }

    @Test
    void withoutTheExtensionAnOptionalToolRunsPlainAndARequiredOneIsRefused() {
        harness(4);
        tools.release.countDown();
        JsonObject plain = call("slow", false).getJsonObject("result");
        assertEquals("complete", plain.getString("resultType"));
        assertFalse(plain.containsKey("taskId"));
        assertEquals("done", plain.getJsonArray("content").getJsonObject(0).getString("text"));
        JsonObject error = call("must", false).getJsonObject("error");
        assertEquals(-32021, error.getInt("code"));
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, error.getJsonObject("data").getJsonObject("requiredCapabilities")
                .getJsonObject("extensions").getJsonObject(EXT));
        // a tool without task support is never a task, even when the client declares the extension
        assertFalse(call("plain", true).getJsonObject("result").containsKey("taskId"));
        assertEquals(0, store.size());
    }

    @Test
    void taskMethodsNeedTheExtensionAndAnUnknownIdIsInvalidParams() {
        harness(4);
        for (String method : List.of("tasks/get", "tasks/cancel")) {
            assertEquals(-32021, send(method, params(false).add("taskId", "x")).getJsonObject("error").getInt("code"));
            JsonObject unknown = send(method, params(true).add("taskId", "nope")).getJsonObject("error");
            assertEquals(-32602, unknown.getInt("code"));
        }
        assertEquals(-32021, send("tasks/update", params(false).add("taskId", "x")
                .add("inputResponses", JsonValue.EMPTY_JSON_OBJECT)).getJsonObject("error").getInt("code"));
        // 2026-07-28 removed tasks/result and tasks/list
        assertEquals(-32601, send("tasks/result", params(true).add("taskId", "x")).getJsonObject("error").getInt("code"));
        assertEquals(-32601, send("tasks/list", params(true)).getJsonObject("error").getInt("code"));
    }

    @Test
    void anotherCallersTaskIsAnsweredExactlyLikeAnUnknownOne() {
        harness(4);
        String id = taskId(call("slow", true));
        EngineHarness.RecordingConnection other = new EngineHarness.RecordingConnection("conn-2");
        McpSession otherSession = h.engine.open(other);
        for (String method : List.of("tasks/get", "tasks/cancel")) {
            JsonObject foreign = send(otherSession, other, method, params(true).add("taskId", id)).getJsonObject("error");
            JsonObject unknown = send(otherSession, other, method, params(true).add("taskId", "no-such-task"))
                    .getJsonObject("error");
            assertEquals(unknown, foreign);
        }
        JsonObject update = send(otherSession, other, "tasks/update", params(true).add("taskId", id)
                .add("inputResponses", JsonValue.EMPTY_JSON_OBJECT)).getJsonObject("error");
        assertEquals(-32602, update.getInt("code"));
        // the owner still sees it working: the other caller's cancel did nothing
        assertEquals("working", get(id).getJsonObject("result").getString("status"));
    }

    @Test
    void withAuthenticationTheTaskBelongsToThePrincipalOnAnyConnection() {
        harness(4);
        h.connection.principal(() -> "alice");
        String id = taskId(call("slow", true));
        EngineHarness.RecordingConnection alice2 = new EngineHarness.RecordingConnection("conn-3");
        alice2.principal(() -> "alice");
        McpSession aliceSession = h.engine.open(alice2);
        assertEquals(id, send(aliceSession, alice2, "tasks/get", params(true).add("taskId", id))
                .getJsonObject("result").getString("taskId"));
        EngineHarness.RecordingConnection bob = new EngineHarness.RecordingConnection("conn-4");
        bob.principal(() -> "bob");
        McpSession bobSession = h.engine.open(bob);
        assertEquals(-32602, send(bobSession, bob, "tasks/get", params(true).add("taskId", id))
                .getJsonObject("error").getInt("code"));
        // the task outlives the connection it started on
        h.engine.onClose(h.session);
        assertEquals("working", send(aliceSession, alice2, "tasks/get", params(true).add("taskId", id))
                .getJsonObject("result").getString("status"));
    }

    @Test
    void cancelAcksStopsTheWorkAndSettlesCancelled() throws Exception {
        harness(4);
        String id = taskId(call("slow", true));
        assertTrue(tools.started.await(5, TimeUnit.SECONDS));
        JsonObject ack = send("tasks/cancel", params(true).add("taskId", id)).getJsonObject("result");
        assertEquals("complete", ack.getString("resultType"), String.valueOf(ack));
        assertFalse(ack.containsKey("taskId") || ack.containsKey("status"), ack.toString());
        assertEquals("cancelled", get(id).getJsonObject("result").getString("status"));
        // cancelling a terminal task is the same ack
        assertEquals("complete", send("tasks/cancel", params(true).add("taskId", id))
                .getJsonObject("result").getString("resultType"));
        h.awaitIdle();
        assertTrue(tools.interrupted.get(), "the worker was interrupted");
    }

    @Test
    void aToolErrorCompletesAndAProtocolErrorFailsWithoutDetails() {
        harness(4);
        JsonObject toolError = await(taskId(call("fails", true)), "completed");
        assertTrue(toolError.getJsonObject("result").getBoolean("isError"));
        JsonObject failed = await(taskId(call("crash", true)), "failed");
        assertEquals(-32603, failed.getJsonObject("error").getInt("code"));
        assertFalse(failed.containsKey("result"));
        assertFalse(failed.toString().contains("secret"), failed.toString());
    }

    @Test
    void inputInsideATaskGoesThroughInputRequestsAndTasksUpdate() {
        harness(4);
        String id = taskId(call("ask", true));
        JsonObject asking = await(id, "input_required");
        assertEquals("elicitation/create", asking.getJsonObject("inputRequests").getJsonObject("confirm").getString("method"));
        JsonObject ack = send("tasks/update", params(true).add("taskId", id).add("inputResponses",
                Json.createObjectBuilder().add("unknown", Json.createObjectBuilder().add("x", 1))
                        .add("confirm", Json.createObjectBuilder().add("action", "accept")
                                .add("content", Json.createObjectBuilder().add("ok", "yes")))))
                .getJsonObject("result");
        assertEquals("complete", ack.getString("resultType"));
        assertFalse(ack.containsKey("status"));
        JsonObject done = await(id, "completed");
        assertEquals("got accept", done.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"));
    }

    @Test
    void twoQuestionsArePendingAtOnceAndAPartialUpdateLeavesTheOther() {
        harness(4);
        String id = taskId(call("two", true));
        JsonObject asking = await(id, "input_required");
        assertEquals(List.of("a", "b"), List.copyOf(asking.getJsonObject("inputRequests").keySet()));
        send("tasks/update", params(true).add("taskId", id).add("inputResponses", Json.createObjectBuilder()
                .add("a", Json.createObjectBuilder().add("action", "accept")
                        .add("content", Json.createObjectBuilder().add("name", "x")))));
        JsonObject partial = get(id).getJsonObject("result");
        assertEquals("input_required", partial.getString("status"));
        assertEquals(List.of("b"), List.copyOf(partial.getJsonObject("inputRequests").keySet()));
        send("tasks/update", params(true).add("taskId", id).add("inputResponses", Json.createObjectBuilder()
                .add("b", Json.createObjectBuilder().add("action", "accept")
                        .add("content", Json.createObjectBuilder().add("name", "y")))));
        assertEquals("x+y", await(id, "completed").getJsonObject("result").getJsonArray("content")
                .getJsonObject(0).getString("text"));
    }

    @Test
    void mrtrBeforeTheTaskThenTheTaskCarriesTheAnswer() {
        harness(4);
        JsonObject round1 = call("composed", true).getJsonObject("result");
        assertEquals("input_required", round1.getString("resultType"));
        assertFalse(round1.containsKey("taskId"));
        String key = round1.getJsonObject("inputRequests").keySet().iterator().next();
        JsonObject round2 = send("tools/call", params(true).add("name", "composed")
                .add("arguments", JsonValue.EMPTY_JSON_OBJECT)
                .add("requestState", round1.getString("requestState"))
                .add("inputResponses", Json.createObjectBuilder().add(key, Json.createObjectBuilder()
                        .add("action", "accept").add("content", Json.createObjectBuilder().add("name", "Alice")))))
                .getJsonObject("result");
        assertEquals("task", round2.getString("resultType"));
        assertFalse(round2.containsKey("requestState") || round2.containsKey("inputRequests"), round2.toString());
        JsonObject done = await(round2.getString("taskId"), "completed");
        assertEquals("Hello, Alice!", done.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"));
        assertEquals("greeting", done.getString("statusMessage"));
    }

    @Test
    void liveTasksPerCallerAreBoundedWithAClearError() {
        harness(2);
        String first = taskId(call("slow", true));
        String second = taskId(call("slow", true));
        JsonObject refused = call("slow", true).getJsonObject("error");
        assertEquals(-32008, refused.getInt("code"));
        assertTrue(refused.getString("message").contains("mcp.tasks.max-live-per-caller"), refused.toString());
        assertEquals(2, refused.getJsonObject("data").getInt("limit"));
        // another caller has its own bound
        EngineHarness.RecordingConnection other = new EngineHarness.RecordingConnection("conn-2");
        McpSession otherSession = h.engine.open(other);
        taskId(send(otherSession, other, "tools/call", params(true).add("name", "slow")
                .add("arguments", JsonValue.EMPTY_JSON_OBJECT)));
        // a finished task no longer counts
        tools.release.countDown();
        await(first, "completed");
        await(second, "completed");
        String third = taskId(call("fails", true));
        await(third, "completed");
    }

    /** Scheduled items of {@code t} due in 5 to 61 s: a task's lease renewal, TTL and store purge here. */
    private static long housekeeping(ScheduledThreadPoolExecutor t) {
        return t.getQueue().stream().map(r -> (java.util.concurrent.ScheduledFuture<?>) r)
                .filter(f -> !f.isCancelled())
                .mapToLong(f -> f.getDelay(TimeUnit.MILLISECONDS)).filter(d -> d > 5_000 && d <= 61_000).count();
    }

    @Test
    void aTasksHousekeepingRunsOnTheTaskTimerNotOnTheOneThatFiresRequestTimeouts() throws Exception {
        ScheduledThreadPoolExecutor taskTimer = new ScheduledThreadPoolExecutor(1);
        try {
            h = new EngineHarness(List.of(new ToolsFeature(TestTools.registry(tools), 100)), EngineSettings.DEFAULTS,
                    b -> b.timer(timer).taskTimer(taskTimer)
                            .tasks(store, new TaskSettings(60_000, 50, 4, 100, 30_000, "node-a")));
            taskId(call("slow", true));
            assertTrue(tools.started.await(5, TimeUnit.SECONDS));
            // the task's lease renewal (10 s), its TTL and the store purge (60 s) wait on the task timer; the request
            // timer holds only what requests schedule (their timeouts, 300 s; the inline watchdog, 50 ms)
            assertEquals(3, housekeeping(taskTimer), "task timer: " + taskTimer.getQueue());
            assertEquals(0, housekeeping(timer), "request timer: " + timer.getQueue());
        } finally {
            tools.release.countDown();
            taskTimer.shutdownNow();
        }
    }

    @Test
    void stoppingTheServerFailsEveryRunningTaskAndRefusesNewOnes() throws Exception {
        harness(4);
        String id = taskId(call("slow", true));
        assertTrue(tools.started.await(5, TimeUnit.SECONDS));
        assertEquals(1, h.engine.stopTasks());
        JsonObject failed = get(id).getJsonObject("result");
        assertEquals("failed", failed.getString("status"));
        assertEquals(-32004, failed.getJsonObject("error").getInt("code"));
        assertEquals(-32004, call("slow", true).getJsonObject("error").getInt("code"));
        h.awaitIdle();
        assertTrue(tools.interrupted.get());
    }

    @Test
    void aTaskWhoseNodeStoppedRenewingItsLeaseIsReportedFailed() {
        harness(4);
        long now = System.currentTimeMillis();
        // a task another (dead) node ran: live, its lease over, no runner here
        store.create(TaskRecord.start("orphan-task-id", "connection:node-a/conn-1", "2026-07-28", "tools/call", now - 5_000,
                60_000, 50, "node-dead", 1_000), 10, 100, now);
        JsonObject failed = get("orphan-task-id").getJsonObject("result");
        assertEquals("failed", failed.getString("status"));
        assertEquals(-32603, failed.getJsonObject("error").getInt("code"));
        assertNotEquals(null, failed.getString("statusMessage"));
    }

    /**
     * Connection ids are unique in one process only: a connection of another node (sharing the store) with the same
     * id is another caller.
     */
    @Test
    void aConnectionOfAnotherNodeWithTheSameIdIsAnotherCaller() {
        harness(4);
        String id = taskId(call("slow", true));
        EngineHarness nodeB = new EngineHarness(List.of(new ToolsFeature(TestTools.registry(new TaskTools()), 100)),
                EngineSettings.DEFAULTS, b -> b.timer(timer).tasks(store, new TaskSettings(60_000, 50, 4, 100, 30_000,
                        "node-b")));
        try {
            assertEquals(h.connection.id(), nodeB.connection.id());
            JsonRpcMessage m = JsonRpcCodec.decode(JsonRpcCodec.toText(EngineHarness.request(99, "tasks/get",
                    params(true).add("taskId", id))));
            nodeB.engine.onMessage(nodeB.session, m, nodeB.connection.channelFor(m));
            assertEquals(-32602, nodeB.connection.nextObject().getJsonObject("error").getInt("code"));
            assertEquals("working", get(id).getJsonObject("result").getString("status"), "its own connection reads it");
        } finally {
            nodeB.close();
        }
    }

    @Test
    void olderLegacyVersionsHaveNoTasks() {
        harness(4);
        h.initialize("2025-06-18");
        tools.release.countDown();
        JsonObject r = h.call(EngineHarness.request(7, "tools/call", Json.createObjectBuilder().add("name", "slow")
                .add("arguments", JsonValue.EMPTY_JSON_OBJECT)
                .add("task", Json.createObjectBuilder().add("ttl", 1000)))).getJsonObject("result");
        assertNull(r.get("task"));
        assertEquals("done", r.getJsonArray("content").getJsonObject(0).getString("text"));
        assertEquals(-32601, h.call(EngineHarness.request(8, "tasks/get", Json.createObjectBuilder().add("taskId", "x")))
                .getJsonObject("error").getInt("code"));
    }

    /** 2025-11-25 experimental tasks: capability at initialize, the task param, tasks/get|result|list|cancel. */
    @Test
    void experimentalTasksOf20251125ShareTheStore() throws Exception {
        harness(4);
        JsonObject caps = h.initialize("2025-11-25").getJsonObject("result").getJsonObject("capabilities");
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, caps.getJsonObject("tasks").getJsonObject("requests")
                .getJsonObject("tools").getJsonObject("call"));
        assertFalse(caps.containsKey("extensions"));
        // without the task param: a plain call; a REQUIRED tool is -32601 (as 2025-11-25 says)
        JsonObject must = h.call(EngineHarness.request(9, "tools/call", Json.createObjectBuilder().add("name", "must")));
        assertEquals(-32601, must.getJsonObject("error").getInt("code"), must.toString());

        JsonObject created = h.call(EngineHarness.request(10, "tools/call", Json.createObjectBuilder().add("name", "slow")
                .add("arguments", JsonValue.EMPTY_JSON_OBJECT)
                .add("task", Json.createObjectBuilder().add("ttl", 1000)))).getJsonObject("result");
        JsonObject task = created.getJsonObject("task");
        String id = task.getString("taskId");
        assertEquals("working", task.getString("status"));
        assertTrue(task.containsKey("ttl") && task.containsKey("pollInterval") && !task.containsKey("ttlMs"), task.toString());
        assertTrue(tools.started.await(5, TimeUnit.SECONDS));
        // tasks/result waits until the task ends, then answers what the call would have
        h.send(EngineHarness.request(11, "tasks/result", Json.createObjectBuilder().add("taskId", id)));
        JsonObject got = h.call(EngineHarness.request(12, "tasks/get", Json.createObjectBuilder().add("taskId", id)));
        assertEquals(12, got.getInt("id"), "tasks/result has not answered yet: " + got);
        assertEquals("working", got.getJsonObject("result").getString("status"));
        tools.release.countDown();
        JsonObject[] ended = responseAndStatus(11);
        JsonObject result = ended[0];
        assertEquals("completed", ended[1].getJsonObject("params").getString("status"), "the session is told");
        assertEquals(id, ended[1].getJsonObject("params").getString("taskId"));
        assertEquals("done", result.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"));
        assertEquals(id, result.getJsonObject("result").getJsonObject("_meta")
                .getJsonObject("io.modelcontextprotocol/related-task").getString("taskId"));
        JsonObject list = h.call(EngineHarness.request(13, "tasks/list", Json.createObjectBuilder())).getJsonObject("result");
        assertEquals(List.of(id), list.getJsonArray("tasks").getValuesAs(JsonObject.class).stream()
                .map(t -> t.getString("taskId")).toList());
        assertEquals("completed", list.getJsonArray("tasks").getJsonObject(0).getString("status"));
        // a terminal task cannot be cancelled in 2025-11-25
        assertEquals(-32602, h.call(EngineHarness.request(14, "tasks/cancel", Json.createObjectBuilder().add("taskId", id)))
                .getJsonObject("error").getInt("code"));
        // a failed task's tasks/result is its JSON-RPC error
        String crash = h.call(EngineHarness.request(15, "tools/call", Json.createObjectBuilder().add("name", "crash")
                .add("task", JsonValue.EMPTY_JSON_OBJECT))).getJsonObject("result").getJsonObject("task").getString("taskId");
        h.send(EngineHarness.request(16, "tasks/result", Json.createObjectBuilder().add("taskId", crash)));
        JsonObject[] crashed = responseAndStatus(16);
        assertEquals(-32603, crashed[0].getJsonObject("error").getInt("code"));
        assertEquals("failed", crashed[1].getJsonObject("params").getString("status"));
        // another connection (another session) sees none of them
        EngineHarness.RecordingConnection other = new EngineHarness.RecordingConnection("conn-2");
        McpSession otherSession = h.engine.open(other);
        send(otherSession, other, "initialize", Json.createObjectBuilder().add("protocolVersion", "2025-11-25")
                .add("capabilities", JsonValue.EMPTY_JSON_OBJECT)
                .add("clientInfo", Json.createObjectBuilder().add("name", "x").add("version", "1")));
        assertEquals(-32602, send(otherSession, other, "tasks/get", Json.createObjectBuilder().add("taskId", id))
                .getJsonObject("error").getInt("code"));
        assertEquals(0, send(otherSession, other, "tasks/list", Json.createObjectBuilder())
                .getJsonObject("result").getJsonArray("tasks").size());
    }

    @Test
    void aLegacyCancelAnswersTheCancelledTask() throws Exception {
        harness(4);
        h.initialize("2025-11-25");
        String id = h.call(EngineHarness.request(10, "tools/call", Json.createObjectBuilder().add("name", "slow")
                .add("task", JsonValue.EMPTY_JSON_OBJECT))).getJsonObject("result").getJsonObject("task").getString("taskId");
        assertTrue(tools.started.await(5, TimeUnit.SECONDS));
        h.send(EngineHarness.request(11, "tasks/cancel", Json.createObjectBuilder().add("taskId", id)));
        JsonObject[] answered = responseAndStatus(11);
        JsonObject cancelled = answered[0].getJsonObject("result");
        assertEquals("cancelled", cancelled.getString("status"));
        assertEquals("cancelled", answered[1].getJsonObject("params").getString("status"), "the session is told too");
        assertEquals(id, cancelled.getString("taskId"));
        assertEquals(-32602, h.call(EngineHarness.request(12, "tasks/result", Json.createObjectBuilder().add("taskId", id)))
                .getJsonObject("error").getInt("code"));
    }

    /**
     * The next two messages, in whichever order they come: the response with {@code id} and the 2025-11-25
     * {@code notifications/tasks/status} of the task that ended (sent when the task ends, apart from any response).
     */
    private JsonObject[] responseAndStatus(int id) {
        JsonObject a = h.connection.nextObject();
        JsonObject b = h.connection.nextObject();
        JsonObject response = a.containsKey("id") ? a : b;
        JsonObject status = response == a ? b : a;
        assertEquals(id, response.getInt("id"), response.toString());
        assertEquals("notifications/tasks/status", status.getString("method"), status.toString());
        return new JsonObject[] {response, status};
    }

    /** A store that can be taken away, as a shared store whose Redis is down: every call fails at once. */
    static final class Unreachable implements dev.mcpws.tasks.TaskStore {
        final InMemoryTaskStore inner = new InMemoryTaskStore();
        volatile boolean down;

        private void check() {
            if (down) {
                throw new UnavailableException("down");
            }
        }

        @Override
        public void create(TaskRecord task, int maxLivePerOwner, int maxStored, long nowMs) {
            check();
            inner.create(task, maxLivePerOwner, maxStored, nowMs);
        }

        @Override
        public TaskRecord get(String taskId, long nowMs) {
            check();
            return inner.get(taskId, nowMs);
        }

        /** Counted down when a change that would end a task is refused (armed by the test). */
        volatile CountDownLatch endRefused = new CountDownLatch(0);

        @Override
        public TaskRecord update(String taskId, java.util.function.UnaryOperator<TaskRecord> change) {
            if (down) {
                TaskRecord now = inner.get(taskId, System.currentTimeMillis());
                if (now != null && now.live() && !change.apply(now).live()) { // changes are free of side effects
                    endRefused.countDown();
                }
            }
            check();
            return inner.update(taskId, change);
        }

        @Override
        public List<TaskRecord> listByOwner(String owner, long nowMs) {
            check();
            return inner.listByOwner(owner, nowMs);
        }

        @Override
        public int purgeExpired(long nowMs) {
            check();
            return inner.purgeExpired(nowMs);
        }

        @Override
        public int size() {
            check();
            return inner.size();
        }
    }

    /**
     * The shared store unreachable: a task call is -32009 and runs nothing; tasks/get and tasks/cancel are -32009 and
     * change nothing; a task whose work ends meanwhile stores its outcome once the store is back.
     */
    @Test
    void anUnreachableStoreIsMinus32009AndARunningTaskStoresItsOutcomeWhenItIsBack() throws Exception {
        Unreachable flaky = new Unreachable();
        h = new EngineHarness(List.of(new ToolsFeature(TestTools.registry(tools), 100)), EngineSettings.DEFAULTS,
                b -> b.timer(timer).tasks(flaky, new TaskSettings(60_000, 50, 4, 100, 3_000, "node-a")));
        flaky.down = true;
        JsonObject refused = call("slow", true).getJsonObject("error");
        assertEquals(-32009, refused.getInt("code"));
        assertFalse(refused.toString().contains("Exception"), refused.toString());
        assertEquals(1, tools.started.getCount(), "the tool did not run");
        assertEquals(0, flaky.inner.size());

        flaky.down = false;
        String id = taskId(call("slow", true));
        assertTrue(tools.started.await(5, TimeUnit.SECONDS));
        flaky.down = true;
        assertEquals(-32009, get(id).getJsonObject("error").getInt("code"));
        assertEquals(-32009, send("tasks/cancel", params(true).add("taskId", id)).getJsonObject("error").getInt("code"));
        assertFalse(tools.interrupted.get(), "a cancel that could not be stored stops nothing");
        flaky.endRefused = new CountDownLatch(1);
        tools.release.countDown();
        // the work ended while the store was down: its outcome waits; the record still says working
        assertTrue(flaky.endRefused.await(5, TimeUnit.SECONDS), "the outcome was not written while the store was down");
        assertEquals("working", flaky.inner.get(id, System.currentTimeMillis()).status().wire());
        flaky.down = false;
        JsonObject done = await(id, "completed");
        assertEquals("done", done.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"));
    }
}

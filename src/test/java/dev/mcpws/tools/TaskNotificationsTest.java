package dev.mcpws.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.engine.EngineHarness;
import dev.mcpws.engine.EngineSettings;
import dev.mcpws.engine.McpSession;
import dev.mcpws.engine.TaskSettings;
import dev.mcpws.protocol.JsonRpcCodec;
import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.subscriptions.SubscriptionsFeature;
import dev.mcpws.tasks.InMemoryTaskStore;
import dev.mcpws.tasks.TaskRecord;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code notifications/tasks} on a 2026-07-28 {@code subscriptions/listen} (SEP-2663 with SEP-2575): the
 * {@code taskIds} a listen asks for, the acknowledgement that lists the agreed ones, and each status a task reaches,
 * on a real engine with the tools, subscriptions and tasks features.
 */
class TaskNotificationsTest {

    private final ToolTasksTest.TaskTools tools = new ToolTasksTest.TaskTools();
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final SubscriptionsFeature subs = new SubscriptionsFeature(4);
    private final AtomicLong ids = new AtomicLong();
    private EngineHarness h;
    /** Alice's second connection: it only listens, so its messages are the listen's. */
    private EngineHarness.RecordingConnection listener;
    private McpSession listenerSession;

    private void harness(long leaseMs) {
        h = new EngineHarness(List.of(new ToolsFeature(TestTools.registry(tools), 100), subs), EngineSettings.DEFAULTS,
                b -> b.timer(timer).tasks(store, new TaskSettings(60_000, 50, 8, 100, leaseMs, "node-a")));
        subs.watchTasks(h.engine.taskEvents());
        h.connection.principal(() -> "alice");
        listener = new EngineHarness.RecordingConnection("conn-listen");
        listener.principal(() -> "alice");
        listenerSession = h.engine.open(listener);
    }

    @AfterEach
    void stop() {
        tools.release.countDown();
        if (h != null) {
            h.close();
        }
        timer.shutdownNow();
    }

    private void post(McpSession session, EngineHarness.RecordingConnection conn, JsonObject request) {
        JsonRpcMessage m = JsonRpcCodec.decode(JsonRpcCodec.toText(request));
        h.engine.onMessage(session, m, conn.channelFor(m));
    }

    private JsonObject send(McpSession session, EngineHarness.RecordingConnection conn, String method,
                            JsonObjectBuilder params) {
        post(session, conn, EngineHarness.request(ids.incrementAndGet(), method, params));
        return conn.nextObject();
    }

    private String startTask(McpSession session, EngineHarness.RecordingConnection conn, String tool) {
        JsonObject created = send(session, conn, "tools/call", ToolTasksTest.params(true).add("name", tool)
                .add("arguments", JsonValue.EMPTY_JSON_OBJECT)).getJsonObject("result");
        assertEquals("task", created.getString("resultType"), created.toString());
        return created.getString("taskId");
    }

    private String startTask(String tool) {
        return startTask(h.session, h.connection, tool);
    }

    /** Opens a listen (request id {@code id}) on the listener's connection for {@code taskIds}. */
    private void listen(long id, boolean withTasks, String... taskIds) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (String t : taskIds) {
            a.add(t);
        }
        post(listenerSession, listener, EngineHarness.request(id, "subscriptions/listen", ToolTasksTest.params(withTasks)
                .add("notifications", Json.createObjectBuilder().add("taskIds", a))));
    }

    /** The next notifications/tasks on the listener, checked to belong to the listen {@code listenId}. */
    private JsonObject nextTask(long listenId) {
        JsonObject n = listener.nextObject();
        assertEquals("notifications/tasks", n.getString("method"), n.toString());
        JsonObject params = n.getJsonObject("params");
        assertEquals(listenId, params.getJsonObject("_meta").getJsonNumber("io.modelcontextprotocol/subscriptionId")
                .longValue());
        return params;
    }

    /** Notifications until the task is terminal (bounded by the listener's timeout per message). */
    private List<JsonObject> untilTerminal(long listenId) {
        List<JsonObject> seen = new ArrayList<>();
        while (true) {
            JsonObject t = nextTask(listenId);
            seen.add(t);
            if (List.of("completed", "failed", "cancelled").contains(t.getString("status"))) {
                return seen;
            }
        }
    }

    private static List<String> statuses(List<JsonObject> tasks) {
        return tasks.stream().map(t -> t.getString("status")).toList();
    }

    @Test
    void aListenAgreesToTheCallersOwnTasksAndReportsEachStatusWithTheResult() throws Exception {
        harness(30_000);
        String mine = startTask("slow");
        EngineHarness.RecordingConnection bob = new EngineHarness.RecordingConnection("conn-bob");
        bob.principal(() -> "bob");
        McpSession bobSession = h.engine.open(bob);
        String bobs = startTask(bobSession, bob, "slow");
        assertTrue(tools.started.await(5, TimeUnit.SECONDS));
        // bob listens to his own task: what proves below that its end is told to those who may hear it
        post(bobSession, bob, EngineHarness.request(8, "subscriptions/listen", ToolTasksTest.params(true)
                .add("notifications", Json.createObjectBuilder().add("taskIds", Json.createArrayBuilder().add(bobs)))));
        assertEquals("notifications/subscriptions/acknowledged", bob.nextObject().getString("method"));
        assertEquals("working", bob.nextObject().getJsonObject("params").getString("status"));

        listen(7, true, mine, bobs, "no-such-task");
        JsonObject ack = listener.nextObject();
        assertEquals("notifications/subscriptions/acknowledged", ack.getString("method"));
        // another caller's task is left out exactly like an unknown one
        assertEquals(List.of(mine), ack.getJsonObject("params").getJsonObject("notifications").getJsonArray("taskIds")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        assertEquals(7, ack.getJsonObject("params").getJsonObject("_meta")
                .getJsonNumber("io.modelcontextprotocol/subscriptionId").longValue());
        // the state now, at once: a task that changed before the listen is not missed
        JsonObject now = nextTask(7);
        assertEquals(mine, now.getString("taskId"));
        assertEquals("working", now.getString("status"));
        assertEquals(50, now.getInt("pollIntervalMs"));

        tools.release.countDown();
        JsonObject done = nextTask(7);
        assertEquals(mine, done.getString("taskId"));
        assertEquals("completed", done.getString("status"));
        // a DetailedTask: what tasks/get answers, result inline
        assertEquals("done", done.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"));
        JsonObject get = send(h.session, h.connection, "tasks/get", ToolTasksTest.params(true).add("taskId", mine))
                .getJsonObject("result");
        assertEquals(get.getJsonObject("result"), done.getJsonObject("result"));
        assertEquals(get.getString("lastUpdatedAt"), done.getString("lastUpdatedAt"));
        JsonObject bobsDone = bob.nextObject().getJsonObject("params");
        assertEquals(bobs, bobsDone.getString("taskId"));
        assertEquals("completed", bobsDone.getString("status"));
        h.awaitIdle(); // both tasks ended, every notification of theirs is sent
        listener.assertNoUnread(); // bob's task finished too, and bob was told: nothing of it reached alice
    }

    @Test
    void taskIdsNeedTheExtensionInTheListenRequestAndMustBeStrings() {
        harness(30_000);
        String mine = startTask("slow");
        listen(3, false, mine);
        JsonObject error = listener.nextObject().getJsonObject("error");
        assertEquals(-32021, error.getInt("code"));
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, error.getJsonObject("data").getJsonObject("requiredCapabilities")
                .getJsonObject("extensions").getJsonObject(ToolTasksTest.EXT));
        post(listenerSession, listener, EngineHarness.request(4, "subscriptions/listen", ToolTasksTest.params(true)
                .add("notifications", Json.createObjectBuilder().add("taskIds", Json.createArrayBuilder().add(5)))));
        assertEquals(-32602, listener.nextObject().getJsonObject("error").getInt("code"));
        // a listen without taskIds needs no extension, and its acknowledgement names no tasks
        post(listenerSession, listener, EngineHarness.request(5, "subscriptions/listen", ToolTasksTest.params(false)
                .add("notifications", Json.createObjectBuilder().add("toolsListChanged", true))));
        JsonObject ack = listener.nextObject();
        assertEquals("notifications/subscriptions/acknowledged", ack.getString("method"));
        assertFalse(ack.getJsonObject("params").getJsonObject("notifications").containsKey("taskIds"));
    }

    @Test
    void inputRequiredIsReportedWithItsQuestionsAndTheAnswerMovesItOn() {
        harness(30_000);
        String id = startTask("ask");
        listen(9, true, id);
        assertEquals("notifications/subscriptions/acknowledged", listener.nextObject().getString("method"));
        List<JsonObject> seen = new ArrayList<>();
        JsonObject asking;
        do {
            asking = nextTask(9);
            seen.add(asking);
        } while (!asking.getString("status").equals("input_required"));
        assertEquals("elicitation/create", asking.getJsonObject("inputRequests").getJsonObject("confirm")
                .getString("method"));
        send(h.session, h.connection, "tasks/update", ToolTasksTest.params(true).add("taskId", id).add("inputResponses",
                Json.createObjectBuilder().add("confirm", Json.createObjectBuilder().add("action", "accept")
                        .add("content", Json.createObjectBuilder().add("ok", "yes")))));
        List<JsonObject> rest = untilTerminal(9);
        JsonObject done = rest.get(rest.size() - 1);
        assertEquals("completed", done.getString("status"), statuses(rest).toString());
        assertEquals("got accept", done.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"));
        // never the same state twice
        seen.addAll(rest);
        assertEquals(seen.size(), seen.stream().map(t -> t.getString("status") + t.getString("lastUpdatedAt")
                + t.getOrDefault("inputRequests", JsonValue.NULL)).distinct().count(), seen.toString());
    }

    @Test
    void aCancelledTaskIsReportedCancelledAndAClosedListenHearsNothingMore() throws Exception {
        harness(30_000);
        String id = startTask("slow");
        assertTrue(tools.started.await(5, TimeUnit.SECONDS));
        // a second listener that stops listening before the task ends
        EngineHarness.RecordingConnection quitter = new EngineHarness.RecordingConnection("conn-quitter");
        quitter.principal(() -> "alice");
        McpSession quitterSession = h.engine.open(quitter);
        post(quitterSession, quitter, EngineHarness.request(21, "subscriptions/listen", ToolTasksTest.params(true)
                .add("notifications", Json.createObjectBuilder().add("taskIds", Json.createArrayBuilder().add(id)))));
        assertEquals("notifications/subscriptions/acknowledged", quitter.nextObject().getString("method"));
        assertEquals("working", quitter.nextObject().getJsonObject("params").getString("status"));
        post(quitterSession, quitter, EngineHarness.cancel(21));

        listen(11, true, id);
        listener.nextObject(); // the acknowledgement
        assertEquals("working", nextTask(11).getString("status"));
        send(h.session, h.connection, "tasks/cancel", ToolTasksTest.params(true).add("taskId", id));
        JsonObject cancelled = nextTask(11);
        assertEquals("cancelled", cancelled.getString("status"));
        h.awaitIdle();
        listener.assertNoUnread(); // nothing follows a terminal state
        quitter.assertNoUnread(); // the listener above heard the change; the cancelled listen did not
    }

    @Test
    void aTaskWhoseNodeDiedIsReportedFailedWhenItsLeaseRunsOut() {
        harness(300); // lease 300 ms: the watch reads the tasks listened to every 150 ms
        long now = System.currentTimeMillis();
        // a task another node runs (its lease renewed until 400 ms from now), then that node dies
        store.create(TaskRecord.start("orphan", "principal:alice", "2026-07-28", "tools/call", now, 60_000, 50,
                "node-dead", 400), 10, 100, now);
        listen(13, true, "orphan");
        listener.nextObject(); // the acknowledgement
        assertEquals("working", nextTask(13).getString("status"));
        JsonObject failed = nextTask(13); // no one polls: the lease watch finds it
        assertEquals("failed", failed.getString("status"));
        assertEquals(-32603, failed.getJsonObject("error").getInt("code"));
        assertEquals("failed", store.get("orphan", System.currentTimeMillis()).status().wire());
    }

    @Test
    void aChangeAnotherNodeMadeIsReadFromTheStoreWhenItsIdArrives() {
        harness(30_000);
        long now = System.currentTimeMillis();
        store.create(TaskRecord.start("remote", "principal:alice", "2026-07-28", "tools/call", now, 60_000, 50,
                "node-b", 60_000), 10, 100, now);
        listen(15, true, "remote");
        listener.nextObject(); // the acknowledgement
        assertEquals("working", nextTask(15).getString("status"));
        // node B completes it in the shared store and says so on the bus: only the id travels
        JsonObject result = Json.createObjectBuilder().add("content", Json.createArrayBuilder()).build();
        store.update("remote", r -> r.completed(result, System.currentTimeMillis() + 1));
        subs.taskChangedElsewhere("remote");
        JsonObject done = nextTask(15);
        assertEquals("completed", done.getString("status"));
        assertEquals(result, done.getJsonObject("result"));
        // the same hint again (another node's duplicate) sends nothing new
        subs.taskChangedElsewhere("remote");
        listener.assertNoUnread();
    }
}

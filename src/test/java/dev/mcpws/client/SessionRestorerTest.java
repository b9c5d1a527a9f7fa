package dev.mcpws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which in-flight requests survive a drop, from learnt tool annotations; what a new session gets back. */
class SessionRestorerTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final WireRecorder wire = new WireRecorder();
    private final RequestTable table = new RequestTable(wire, scheduler, p -> p.params, Duration.ZERO);
    private final BlockingQueue<ServerDescription> reconnects = new LinkedBlockingQueue<>();
    private final McpClientListener listener = new McpClientListener() {
        @Override
        public void reconnected(ServerDescription server) {
            reconnects.add(server);
        }
    };

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static JsonObject tools(String... nameAndHint) {
        var list = Json.createArrayBuilder();
        for (int i = 0; i < nameAndHint.length; i += 2) {
            var tool = Json.createObjectBuilder().add("name", nameAndHint[i]);
            if (nameAndHint[i + 1] != null) {
                tool.add("annotations", Json.createObjectBuilder().add(nameAndHint[i + 1], true));
            }
            list.add(tool);
        }
        return Json.createObjectBuilder().add("tools", list).build();
    }

    private static JsonObject call(String tool) {
        return Json2.object().add("name", tool).add("arguments", JsonValue.EMPTY_JSON_OBJECT).build();
    }

    @Test
    void toolCallsAreSafeOnlyForToolsLearntAsReadOnlyOrIdempotent() {
        ReplayGuard guard = new ReplayGuard(ReplayPolicy.SAFE);
        assertFalse(guard.mayReplay("tools/call", call("search")), "nothing learnt yet");
        guard.learnTools(tools("search", "readOnlyHint", "upsert", "idempotentHint", "delete", null));
        guard.learnTools(tools("lookup", "readOnlyHint")); // a second page keeps the first
        assertTrue(guard.mayReplay("tools/call", call("search")));
        assertTrue(guard.mayReplay("tools/call", call("upsert")));
        assertTrue(guard.mayReplay("tools/call", call("lookup")));
        assertFalse(guard.mayReplay("tools/call", call("delete")));
        assertFalse(guard.mayReplay("tools/call", call("unknown")));
        assertFalse(guard.mayReplay("tools/call", JsonValue.EMPTY_JSON_OBJECT), "no name");
        assertTrue(guard.mayReplay("resources/read", null), "SAFE_METHODS need no annotations");
        assertTrue(guard.mayReplay("tasks/get", null), "reading a task is safe to repeat after a drop");
        assertFalse(guard.mayReplay("tasks/update", null), "answers are not repeated blindly");
        assertFalse(guard.mayReplay("sampling/createMessage", JsonValue.EMPTY_JSON_OBJECT));
    }

    @Test
    void aFreshToolListReplacesWhatWasLearnt() {
        ReplayGuard guard = new ReplayGuard(ReplayPolicy.SAFE);
        guard.learnTools(tools("search", "readOnlyHint"));
        guard.replaceTools(List.of(ToolInfo.from(tools("search", null).getJsonArray("tools").getJsonObject(0))));
        assertFalse(guard.mayReplay("tools/call", call("search")), "no longer read-only");
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, guard.toolAnnotations("tools/call", call("search")));
        assertTrue(guard.knowsTools());
        guard.replaceTools(List.of());
        assertFalse(guard.knowsTools());
    }

    @Test
    void theApplicationsPolicyDecidesWithTheAnnotations() {
        ReplayGuard never = new ReplayGuard(ReplayPolicy.NEVER);
        never.learnTools(tools("search", "readOnlyHint"));
        assertFalse(never.mayReplay("tools/call", call("search")));
        ReplayGuard mine = new ReplayGuard((method, params, annotations) ->
                annotations.getBoolean("destructiveHint", true) == false);
        mine.learnTools(tools("calm", "x"));
        assertFalse(mine.mayReplay("tools/call", call("calm")));
        mine.learnTools(Json.createObjectBuilder().add("tools", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("name", "calm").add("annotations", Json.createObjectBuilder().add("destructiveHint", false)))).build());
        assertTrue(mine.mayReplay("tools/call", call("calm")));
    }

    @Test
    void afterAReconnectTheLearntReadOnlyCallIsResentAndTheOtherFails() throws Exception {
        ReplayGuard guard = new ReplayGuard(ReplayPolicy.SAFE);
        SessionRestorer restorer = restorer(guard, new EraProbe(McpClient.builder("ws://h/mcp")));
        table.markReady();
        guard.learnTools(tools("search", "readOnlyHint", "delete", "destructiveHint"));
        McpFuture<JsonObject> search = table.request("tools/call", call("search"));
        McpFuture<JsonObject> delete = table.request("tools/call", call("delete"));
        wire.nextRequest();
        wire.nextRequest();

        table.connectionLost(restorer::mayReplay, 1001, "restart");
        ConnectionLostException lost = assertInstanceOf(ConnectionLostException.class,
                assertThrows(ExecutionException.class, () -> delete.get(5, TimeUnit.SECONDS)).getCause());
        assertTrue(lost.outcomeUnknown());

        ServerDescription legacy = new ServerDescription("2025-11-25", ProtocolEra.LEGACY, JsonValue.EMPTY_JSON_OBJECT,
                JsonValue.EMPTY_JSON_OBJECT, null);
        restorer.sessionReady(legacy, true, table.markReady());
        JsonRpcRequest again = wire.nextRequest();
        assertEquals("search", again.params().getString("name"));
        assertEquals("tools/list", wire.nextRequest().method(), "the known tool list is refreshed");
        assertEquals(legacy, reconnects.poll(5, TimeUnit.SECONDS));
        table.complete(table.answered(again.id()), JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, search.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aLegacySessionGetsTheLogLevelAndTheSubscriptionsBackBeforeWhatWaited() throws Exception {
        EraProbe probe = new EraProbe(McpClient.builder("ws://h/mcp"));
        probe.logLevel("warning");
        ServerDescription[] current = {null};
        Subscriptions subscriptions = new Subscriptions(table, () -> current[0], Duration.ZERO);
        SessionRestorer restorer = new SessionRestorer(new ReplayGuard(ReplayPolicy.SAFE), table, probe, subscriptions,
                listener);
        subscriptions.subscribe("it://a", uri -> { });
        table.request("prompts/list", JsonValue.EMPTY_JSON_OBJECT);

        current[0] = new ServerDescription("2025-11-25", ProtocolEra.LEGACY, JsonValue.EMPTY_JSON_OBJECT,
                JsonValue.EMPTY_JSON_OBJECT, null);
        List<PendingRequest<?>> waiting = table.markReady();
        restorer.sessionReady(current[0], false, waiting);

        JsonRpcRequest level = wire.nextRequest();
        assertEquals("logging/setLevel", level.method());
        assertEquals("warning", level.params().getString("level"));
        JsonRpcRequest resubscribe = wire.nextRequest();
        assertEquals("resources/subscribe", resubscribe.method());
        assertEquals("it://a", resubscribe.params().getString("uri"));
        // what waited goes out last: the first subscribe (made before the session) and the application's request
        assertEquals(Set.of("resources/subscribe", "prompts/list"),
                Set.of(wire.nextRequest().method(), wire.nextRequest().method()));
        assertTrue(wire.sent.isEmpty(), "no tool refresh and no reconnected event on a first session: " + wire.sent);
        assertTrue(reconnects.isEmpty());
    }

    @Test
    void aModernSessionGetsANewListenForItsSubscriptions() throws Exception {
        ServerDescription modern = new ServerDescription("2026-07-28", ProtocolEra.MODERN, JsonValue.EMPTY_JSON_OBJECT,
                Json.createObjectBuilder().add("resources", JsonValue.EMPTY_JSON_OBJECT).build(), null);
        EraProbe probe = new EraProbe(McpClient.builder("ws://h/mcp"));
        probe.logLevel("debug");
        Subscriptions subscriptions = new Subscriptions(table, () -> modern, Duration.ZERO);
        SessionRestorer restorer = new SessionRestorer(new ReplayGuard(ReplayPolicy.SAFE), table, probe, subscriptions,
                listener);
        table.markReady();
        subscriptions.subscribe("it://a", uri -> { });
        JsonRpcRequest first = wire.nextRequest();
        assertEquals("subscriptions/listen", first.method());

        table.connectionLost(restorer::mayReplay, 1006, "cut");
        restorer.sessionReady(modern, true, table.markReady());
        JsonRpcRequest listen = wire.nextRequest();
        assertEquals("subscriptions/listen", listen.method(), "a new listen, no logging/setLevel in this era");
        assertEquals(Json.createArrayBuilder().add("it://a").build(),
                listen.params().getJsonObject("notifications").getJsonArray("resourceSubscriptions"));
        assertEquals(modern, reconnects.poll(5, TimeUnit.SECONDS));
        assertTrue(wire.sent.isEmpty(), "the old listen is not replayed: " + wire.sent);
    }

    private SessionRestorer restorer(ReplayGuard guard, EraProbe probe) {
        return new SessionRestorer(guard, table, probe, new Subscriptions(table, () -> null, Duration.ZERO), listener);
    }
}

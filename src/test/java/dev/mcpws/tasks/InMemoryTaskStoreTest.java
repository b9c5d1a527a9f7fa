package dev.mcpws.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory task store: TTL, limits, atomic updates; and a record's serialised form. */
class InMemoryTaskStoreTest {

    private final InMemoryTaskStore store = new InMemoryTaskStore();

    private static TaskRecord task(String id, String owner, long now) {
        return TaskRecord.start(id, owner, "2026-07-28", "tools/call", now, 1_000, 100, "node-a", 500);
    }

    @Test
    void aTaskIsKeptForItsTtlAndGoneAfterIt() {
        store.create(task("t1", "o", 0), 10, 10, 0);
        assertNotNull(store.get("t1", 999));
        assertNull(store.get("t1", 1_000));
        assertEquals(0, store.size(), "an expired task read is removed");
        store.create(task("t2", "o", 0), 10, 10, 0);
        assertEquals(1, store.purgeExpired(1_000));
    }

    @Test
    void liveTasksPerOwnerAreBoundedFinishedOnesDoNotCount() {
        store.create(task("a", "o", 0), 2, 10, 0);
        store.create(task("b", "o", 0), 2, 10, 0);
        var e = assertThrows(TaskStore.LimitExceededException.class, () -> store.create(task("c", "o", 0), 2, 10, 0));
        assertEquals(TaskStore.Refusal.OWNER_LIMIT, e.refusal());
        store.create(task("d", "other", 0), 2, 10, 0);
        store.update("a", t -> t.completed(Json.createObjectBuilder().build(), 1));
        store.create(task("c", "o", 0), 2, 10, 0);
        assertEquals(List.of("a", "b", "c"), store.listByOwner("o", 1).stream().map(TaskRecord::taskId).toList());
    }

    @Test
    void theStoreIsBoundedButExpiredTasksMakeRoom() {
        store.create(task("a", "o1", 0), 5, 2, 0);
        store.create(task("b", "o2", 0), 5, 2, 0);
        var e = assertThrows(TaskStore.LimitExceededException.class, () -> store.create(task("c", "o3", 0), 5, 2, 10));
        assertEquals(TaskStore.Refusal.STORE_FULL, e.refusal());
        store.create(task("c", "o3", 2_000), 5, 2, 2_000);
        assertEquals(1, store.size());
    }

    @Test
    void terminalStatesNeverChangeAndAnswersOnlyForAskedKeys() {
        store.create(task("t", "o", 0), 5, 5, 0);
        JsonObject q = Json.createObjectBuilder().add("k1", Json.createObjectBuilder().add("method", "elicitation/create"))
                .add("k2", Json.createObjectBuilder().add("method", "elicitation/create")).build();
        TaskRecord asked = store.update("t", r -> r.ask(q, 1));
        assertEquals(TaskStatus.INPUT_REQUIRED, asked.status());
        TaskRecord partial = store.update("t", r -> r.answer(Json.createObjectBuilder()
                .add("k1", Json.createObjectBuilder().add("action", "accept")).add("zz", 1).build(), 2));
        assertEquals(TaskStatus.INPUT_REQUIRED, partial.status());
        assertEquals(List.of("k2"), List.copyOf(partial.inputRequests().keySet()));
        assertEquals(List.of("k1"), List.copyOf(partial.inputResponses().keySet()));
        TaskRecord all = store.update("t", r -> r.answer(Json.createObjectBuilder()
                .add("k2", Json.createObjectBuilder().add("action", "decline")).build(), 3));
        assertEquals(TaskStatus.WORKING, all.status());
        TaskRecord cancelled = store.update("t", r -> r.cancelled("bye", 4));
        assertSame(cancelled, store.update("t", r -> r.completed(Json.createObjectBuilder().build(), 5)));
        assertEquals(TaskStatus.CANCELLED, store.get("t", 5).status());
        assertNull(store.update("missing", r -> r.cancelled("x", 1)));
    }

    @Test
    void aRecordSurvivesItsJsonFormExactly() {
        TaskRecord r = task("t", "principal:alice", 10)
                .ask(Json.createObjectBuilder().add("k", Json.createObjectBuilder().add("method", "m")).build(), 11)
                .message("half way", 12);
        assertEquals(r, TaskRecord.fromJson(Json.createReader(new java.io.StringReader(r.toJson().toString())).readObject()));
        TaskRecord done = r.failed(Json.createObjectBuilder().add("code", -32603).add("message", "x").build(), "x", 13);
        assertEquals(done, TaskRecord.fromJson(done.toJson()));
        assertTrue(done.wire(true).build().containsKey("error"));
    }
}

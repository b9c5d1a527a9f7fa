package dev.mcpws.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TaskStore} must do, as its javadoc says, run against each implementation (in memory; Redis on a
 * real redis-server). {@link #node()} and {@link #otherNode()} are two views of the same stored tasks: for a shared
 * store two instances with their own connections (two nodes of a cluster), for the in-memory store the same one.
 * Times are the stores' {@code nowMs} arguments (from a real clock start, so a shared store's own expiry, set from
 * the same TTL, never runs out during a test).
 */
public abstract class TaskStoreContract {

    protected static final long TTL = 60_000;
    protected final long t0 = System.currentTimeMillis();

    /** The store as one node sees it. */
    protected abstract TaskStore node();

    /** The same tasks as another node sees them. */
    protected abstract TaskStore otherNode();

    protected TaskRecord task(String id, String owner) {
        return TaskRecord.start(id, owner, "2026-07-28", "tools/call", t0, TTL, 100, "node-a", 500);
    }

    @Test
    void aTaskIsReadFromEveryNodeForItsTtlAndGoneAfterIt() {
        node().create(task("t1", "o"), 10, 10, t0);
        assertEquals(task("t1", "o"), otherNode().get("t1", t0), "strongly consistent: the other node reads it at once");
        assertNotNull(otherNode().get("t1", t0 + TTL - 1));
        assertNull(node().get("t1", t0 + TTL));
        assertNull(otherNode().get("t1", t0 + TTL - 1), "an expired task read is removed");
        assertEquals(0, node().size());
        node().create(task("t2", "o"), 10, 10, t0);
        assertEquals(1, node().size());
        assertEquals(0, otherNode().purgeExpired(t0 + TTL - 1));
        assertEquals(1, otherNode().purgeExpired(t0 + TTL));
        assertEquals(0, node().size());
        assertNull(node().get("missing", t0));
    }

    @Test
    void aRecordComesBackExactlyAsStored() {
        JsonObject question = Json.createObjectBuilder().add("k", Json.createObjectBuilder()
                .add("method", "elicitation/create").add("params", Json.createObjectBuilder().add("message", "ü \"q\"")))
                .build();
        node().create(task("t", "principal:alice"), 10, 10, t0);
        TaskRecord asked = node().update("t", r -> r.ask(question, t0 + 1).message("half way", t0 + 2));
        assertEquals(asked, otherNode().get("t", t0 + 3));
        TaskRecord failed = otherNode().update("t", r -> r.failed(Json.createObjectBuilder().add("code", -32603)
                .add("message", "x").add("data", Json.createObjectBuilder().add("n", 1.5)).build(), "x", t0 + 4));
        assertEquals(TaskStatus.FAILED, failed.status());
        assertEquals(failed, node().get("t", t0 + 5));
    }

    @Test
    void liveTasksPerOwnerAreBoundedFinishedOnesDoNotCount() {
        node().create(task("a", "o"), 2, 10, t0);
        otherNode().create(task("b", "o"), 2, 10, t0);
        var e = assertThrows(TaskStore.LimitExceededException.class, () -> node().create(task("c", "o"), 2, 10, t0));
        assertEquals(TaskStore.Refusal.OWNER_LIMIT, e.refusal());
        node().create(task("d", "other"), 2, 10, t0);
        otherNode().update("a", t -> t.completed(Json.createObjectBuilder().build(), t0 + 1));
        node().create(task("c", "o"), 2, 10, t0 + 1);
        assertEquals(List.of("a", "b", "c"), otherNode().listByOwner("o", t0 + 1).stream().map(TaskRecord::taskId).toList());
        assertEquals(List.of("d"), node().listByOwner("other", t0 + 1).stream().map(TaskRecord::taskId).toList());
        assertEquals(List.of(), node().listByOwner("o", t0 + TTL), "expired tasks are not listed");
    }

    @Test
    void theStoreIsBoundedButExpiredTasksMakeRoom() {
        node().create(task("a", "o1"), 5, 2, t0);
        otherNode().create(task("b", "o2"), 5, 2, t0);
        var e = assertThrows(TaskStore.LimitExceededException.class, () -> node().create(task("c", "o3"), 5, 2, t0 + 10));
        assertEquals(TaskStore.Refusal.STORE_FULL, e.refusal());
        TaskRecord later = TaskRecord.start("c", "o3", "2026-07-28", "tools/call", t0 + TTL, TTL, 100, "node-a", 500);
        otherNode().create(later, 5, 2, t0 + TTL);
        assertEquals(later, node().get("c", t0 + TTL));
        assertThrows(IllegalStateException.class, () -> node().create(later, 5, 10, t0 + TTL), "an id is never reused");
    }

    @Test
    void terminalStatesNeverChangeAndAnswersOnlyForAskedKeys() {
        node().create(task("t", "o"), 5, 5, t0);
        JsonObject q = Json.createObjectBuilder().add("k1", Json.createObjectBuilder().add("method", "elicitation/create"))
                .add("k2", Json.createObjectBuilder().add("method", "elicitation/create")).build();
        assertEquals(TaskStatus.INPUT_REQUIRED, node().update("t", r -> r.ask(q, t0 + 1)).status());
        TaskRecord partial = otherNode().update("t", r -> r.answer(Json.createObjectBuilder()
                .add("k1", Json.createObjectBuilder().add("action", "accept")).add("zz", 1).build(), t0 + 2));
        assertEquals(TaskStatus.INPUT_REQUIRED, partial.status());
        assertEquals(List.of("k2"), List.copyOf(partial.inputRequests().keySet()));
        assertEquals(List.of("k1"), List.copyOf(partial.inputResponses().keySet()));
        TaskRecord all = node().update("t", r -> r.answer(Json.createObjectBuilder()
                .add("k2", Json.createObjectBuilder().add("action", "decline")).build(), t0 + 3));
        assertEquals(TaskStatus.WORKING, all.status());
        TaskRecord cancelled = otherNode().update("t", r -> r.cancelled("bye", t0 + 4));
        assertEquals(cancelled, node().update("t", r -> r.completed(Json.createObjectBuilder().build(), t0 + 5)));
        assertEquals(TaskStatus.CANCELLED, otherNode().get("t", t0 + 5).status());
        assertNull(node().update("missing", r -> r.cancelled("x", t0 + 1)));
    }

    /**
     * Two nodes, two threads each, change one task at the same time: each change adds 1 to the lease; none is lost
     * (a change may run more than once, its effect lands once).
     */
    @Test
    void concurrentUpdatesFromTwoNodesAreNeverLost() throws Exception {
        node().create(task("t", "o"), 5, 5, t0);
        long before = node().get("t", t0).leaseUntilMs();
        int perThread = 40;
        AtomicInteger runs = new AtomicInteger();
        List<Callable<Void>> work = new ArrayList<>();
        for (TaskStore store : List.of(node(), node(), otherNode(), otherNode())) {
            work.add(() -> {
                for (int i = 0; i < perThread; i++) {
                    store.update("t", r -> {
                        runs.incrementAndGet();
                        return r.lease(r.leaseNode(), r.leaseUntilMs() + 1);
                    });
                }
                return null;
            });
        }
        runAllAtOnce(work);
        assertEquals(before + 4L * perThread, otherNode().get("t", t0).leaseUntilMs(), "an update was lost");
        assertTrue(runs.get() >= 4 * perThread);
    }

    /** Creations racing on two nodes never pass a limit: exactly the limit's number are stored. */
    @Test
    void concurrentCreationsFromTwoNodesKeepTheLimits() throws Exception {
        AtomicInteger created = new AtomicInteger();
        List<TaskStore> stores = List.of(node(), otherNode(), node(), otherNode());
        int per = 10;
        // one owner, at most 3 live tasks
        runAllAtOnce(creations(stores, per, (thread, i) -> task("live-" + thread + "-" + i, "same"), 3, 1000,
                TaskStore.Refusal.OWNER_LIMIT, created));
        assertEquals(3, created.get());
        assertEquals(3, node().listByOwner("same", t0).size(), "live tasks of one owner");
        // many owners, at most 20 tasks stored (the 3 above included)
        runAllAtOnce(creations(stores, per, (thread, i) -> task("all-" + thread + "-" + i, "owner-" + thread + "-" + i),
                3, 20, TaskStore.Refusal.STORE_FULL, created));
        assertEquals(20, created.get());
        assertEquals(20, otherNode().size(), "tasks stored");
    }

    private interface Maker {
        TaskRecord make(int thread, int i);
    }

    private static List<Callable<Void>> creations(List<TaskStore> stores, int per, Maker maker, int maxLive,
                                                  int maxStored, TaskStore.Refusal expected, AtomicInteger created) {
        List<Callable<Void>> work = new ArrayList<>();
        for (int n = 0; n < stores.size(); n++) {
            TaskStore store = stores.get(n);
            int thread = n;
            work.add(() -> {
                for (int i = 0; i < per; i++) {
                    TaskRecord t = maker.make(thread, i);
                    try {
                        store.create(t, maxLive, maxStored, t.createdAtMs());
                        created.incrementAndGet();
                    } catch (TaskStore.LimitExceededException e) {
                        assertEquals(expected, e.refusal());
                    }
                }
                return null;
            });
        }
        return work;
    }

    private static void runAllAtOnce(List<Callable<Void>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Void>> done = new ArrayList<>();
            for (Callable<Void> w : work) {
                done.add(pool.submit(() -> {
                    go.await();
                    return w.call();
                }));
            }
            go.countDown();
            for (Future<Void> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

package dev.mcpws.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.protocol.JsonRpcError;
import dev.mcpws.protocol.JsonRpcNotification;
import dev.mcpws.protocol.JsonRpcResult;
import dev.mcpws.protocol.RequestId;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The per-request output logic and the routing of engine output, without a server. */
class ExchangeTest {

    private static final dev.mcpws.transport.TransportListener L = new dev.mcpws.transport.TransportListener() { };

    static final class FakeOutput implements Exchange.Output {
        int status;
        String contentType;
        Map<String, String> headers = new LinkedHashMap<>();
        final List<String> writes = new ArrayList<>();
        int ends;
        boolean fail;

        @Override
        public void begin(int status, String contentType, Map<String, String> headers) throws IOException {
            this.status = status;
            this.contentType = contentType;
            this.headers.putAll(headers);
        }

        @Override
        public void write(String text) throws IOException {
            if (fail) {
                throw new IOException("peer gone");
            }
            writes.add(text);
        }

        @Override
        public void end() {
            ends++;
        }
    }

    static final RequestId ID = RequestId.of(7);
    static final JsonRpcNotification PROGRESS = new JsonRpcNotification("notifications/progress",
            Json.createObjectBuilder().add("progressToken", "t").add("progress", 1).build());

    @Test
    void aResponseAloneIsJson() {
        FakeOutput out = new FakeOutput();
        Exchange ex = Exchange.forRequest(out, true, false, null, L).header("Mcp-Session-Id", "s1");
        ex.respond(new JsonRpcResult(ID, JsonObject.EMPTY_JSON_OBJECT));
        assertEquals(200, out.status);
        assertEquals("application/json", out.contentType);
        assertEquals("s1", out.headers.get("Mcp-Session-Id"));
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}"), out.writes);
        assertEquals(1, out.ends);
        assertTrue(ex.isDone());
    }

    @Test
    void aNotificationFirstMakesSse() {
        FakeOutput out = new FakeOutput();
        Exchange ex = Exchange.forRequest(out, true, true, null, L);
        ex.notify(PROGRESS);
        assertEquals("text/event-stream", out.contentType);
        assertEquals("no", out.headers.get("X-Accel-Buffering"));
        ex.keepAlive();
        ex.respond(new JsonRpcResult(ID, JsonObject.EMPTY_JSON_OBJECT));
        assertEquals(3, out.writes.size());
        assertTrue(out.writes.get(0).startsWith("event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\""));
        assertEquals(":\n\n", out.writes.get(1));
        assertTrue(out.writes.get(2).contains("\"result\""));
        assertEquals(1, out.ends);
        ex.notify(PROGRESS);
        assertEquals(3, out.writes.size(), "nothing after the response");
    }

    @Test
    void jsonOnlyClientsLoseNotificationsButGetTheResult() {
        FakeOutput out = new FakeOutput();
        Exchange ex = Exchange.forRequest(out, false, true, null, L);
        ex.notify(PROGRESS);
        assertTrue(out.writes.isEmpty());
        ex.respond(new JsonRpcError(ID, -32601, "Method not found"));
        assertEquals(404, out.status, "2026-07-28: unknown method is 404");
        assertEquals("application/json", out.contentType);
    }

    @Test
    void aWriteFailureAbortsOnce() {
        FakeOutput out = new FakeOutput();
        AtomicInteger aborts = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Exchange ex = Exchange.forRequest(out, true, true, null, L).onAbort(aborts::incrementAndGet).onDone(done::incrementAndGet);
        ex.notify(PROGRESS);
        out.fail = true;
        ex.keepAlive();
        ex.notify(PROGRESS);
        ex.respond(new JsonRpcResult(ID, JsonObject.EMPTY_JSON_OBJECT));
        assertEquals(1, aborts.get());
        assertEquals(1, done.get());
        assertEquals(1, out.ends);
    }

    @Test
    void aSkippedRequestEndsWith202() {
        FakeOutput out = new FakeOutput();
        Exchange ex = Exchange.forRequest(out, true, false, null, L);
        ex.skip();
        assertEquals(202, out.status);
        assertTrue(ex.isDone());
    }

    @Test
    void aSessionSendsMessagesOfNoRequestToItsStreamAndEndsItsBodies() throws IOException {
        HttpSession c = new HttpSession("http-1", "sid", null, (x, code) -> { });
        FakeOutput a = new FakeOutput();
        FakeOutput b = new FakeOutput();
        FakeOutput s = new FakeOutput();
        Exchange exA = Exchange.forRequest(a, true, false, null, L);
        Exchange exB = Exchange.forRequest(b, true, false, null, L);
        c.track(exA);
        c.track(exB);
        exB.notify(PROGRESS);
        assertEquals("text/event-stream", b.contentType);
        assertTrue(a.writes.isEmpty());
        exA.respond(new JsonRpcResult(RequestId.of(1), JsonObject.EMPTY_JSON_OBJECT));
        assertEquals("application/json", a.contentType);

        // a message of no request goes to the standalone stream
        c.addStream(Exchange.stream(s, L));
        c.send(new JsonRpcNotification("notifications/tools/list_changed", null));
        assertEquals(1, s.writes.size());
        assertTrue(s.writes.get(0).contains("list_changed"));

        exB.skip();
        assertTrue(exB.isDone());
        assertFalse(c.idleFor(0), "the stream is open");
        c.endAll(404);
        assertTrue(c.idleFor(0));
        assertEquals(1, s.ends);
    }

    @Test
    void aServerRequestGoesOnItsRequestStreamOrToTheGetStreamForAJsonOnlyClient() throws IOException {
        HttpSession c = new HttpSession("http-1", "sid", null, (x, code) -> { });
        FakeOutput sse = new FakeOutput();
        FakeOutput json = new FakeOutput();
        FakeOutput get = new FakeOutput();
        c.addStream(Exchange.stream(get, L));
        Exchange onSse = Exchange.forRequest(sse, true, false, null, L).fallback(c);
        Exchange onJson = Exchange.forRequest(json, false, false, null, L).fallback(c);
        dev.mcpws.protocol.JsonRpcRequest ask = new dev.mcpws.protocol.JsonRpcRequest(RequestId.of("s-1"),
                "elicitation/create", JsonObject.EMPTY_JSON_OBJECT);
        onSse.notify(ask);
        assertEquals("text/event-stream", sse.contentType);
        assertTrue(sse.writes.get(0).contains("elicitation/create"), "on the POST's own stream");
        assertTrue(get.writes.isEmpty());
        onJson.notify(ask);
        assertTrue(json.writes.isEmpty(), "a JSON-only response cannot carry it");
        assertEquals(1, get.writes.size(), "so it goes to the session's GET stream");
        onJson.notify(PROGRESS);
        assertEquals(1, get.writes.size(), "a notification of a JSON-only request is dropped, not misrouted");
    }

    // ------------------------------------------------------------------ writes from other threads

    /** An output whose writes wait until the peer "reads" ({@link #reads}); it records them like FakeOutput. */
    static final class SlowPeer implements Exchange.Output {
        final List<String> writes = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.concurrent.Semaphore writing = new java.util.concurrent.Semaphore(0);
        final java.util.concurrent.CountDownLatch reads = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicInteger ends = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void begin(int status, String contentType, Map<String, String> headers) {
        }

        @Override
        public void write(String text) throws IOException {
            writing.release();
            try {
                if (!reads.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new IOException("write timed out");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            writes.add(text);
        }

        @Override
        public void end() {
            ends.incrementAndGet();
        }
    }

    private final java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newCachedThreadPool();

    @org.junit.jupiter.api.AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    private static JsonRpcNotification tasks(int n) {
        return new JsonRpcNotification("notifications/tasks", Json.createObjectBuilder().add("n", n).build());
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.onSpinWait();
        }
    }

    @Test
    void aListensNotificationsAreWrittenByAWriteThreadInOrderAndTheSenderNeverWaits() throws Exception {
        SlowPeer peer = new SlowPeer();
        Exchange stream = Exchange.stream(peer, L).writer(writers);
        stream.notifyDetached(tasks(1));
        assertTrue(peer.writing.tryAcquire(5, java.util.concurrent.TimeUnit.SECONDS), "a write thread writes it");
        // the peer does not read: more changes are fanned out meanwhile, and this thread goes on
        for (int n = 2; n <= 5; n++) {
            stream.notifyDetached(tasks(n));
        }
        stream.keepAlive(); // a write is under way: no comment needed, and none waits
        assertTrue(peer.writes.isEmpty());
        peer.reads.countDown();
        await(() -> peer.writes.size() == 5, "all five written: " + peer.writes);
        for (int n = 1; n <= 5; n++) {
            assertTrue(peer.writes.get(n - 1).contains("\"n\":" + n), peer.writes.toString());
        }
    }

    @Test
    void aStreamWhoseClientLetsTooMuchWaitIsAbortedWithoutTheSenderWaiting() throws Exception {
        SlowPeer peer = new SlowPeer();
        AtomicInteger aborted = new AtomicInteger();
        AtomicInteger handedToWriteThreads = new AtomicInteger();
        Exchange stream = Exchange.stream(peer, L).writer(r -> {
            handedToWriteThreads.incrementAndGet();
            writers.execute(r);
        }).onAbort(aborted::incrementAndGet);
        stream.notifyDetached(tasks(0));
        assertTrue(peer.writing.tryAcquire(5, java.util.concurrent.TimeUnit.SECONDS));
        JsonRpcNotification big = new JsonRpcNotification("notifications/tasks",
                Json.createObjectBuilder().add("text", "x".repeat(100_000)).build());
        int sent = 0;
        while (aborted.get() == 0 && sent < 100) { // 4 MiB / 100 kB: about 42 wait, the next one ends the stream
            stream.notifyDetached(big);
            sent++;
            if (sent > 41) {
                // more changes while the abort waits for the blocked write: dropped, not queued again (else each
                // further 4 MiB would hand one more abort to a write thread, to wait there as well)
                for (int i = 0; i < 100; i++) {
                    stream.notifyDetached(big);
                }
                assertEquals(2, handedToWriteThreads.get(), "the writer and one abort, nothing more");
                peer.reads.countDown(); // lets the blocked write end, so the abort (on a write thread) can run
                await(() -> aborted.get() > 0, "aborted");
            }
        }
        assertEquals(1, aborted.get());
        assertEquals(42, sent, "ended by the message that passed " + Exchange.MAX_LATER_BYTES + " bytes waiting");
        await(stream::isDone, "the stream ended");
        assertTrue(peer.writes.size() <= 2, "what waited was dropped, not written: " + peer.writes.size());
    }

    @Test
    void whatWaitsForAWriteThreadComesBeforeTheResponse() {
        FakeOutput out = new FakeOutput();
        List<Runnable> parked = new ArrayList<>();
        Exchange ex = Exchange.forRequest(out, true, true, null, L).writer(parked::add); // the write thread is late
        ex.notifyDetached(tasks(1));
        ex.notifyDetached(tasks(2));
        assertTrue(out.writes.isEmpty());
        ex.respond(new JsonRpcResult(ID, JsonObject.EMPTY_JSON_OBJECT));
        assertEquals(Exchange.SSE, out.contentType);
        assertEquals(3, out.writes.size(), out.writes.toString());
        assertTrue(out.writes.get(0).contains("\"n\":1") && out.writes.get(1).contains("\"n\":2"));
        assertTrue(out.writes.get(2).contains("\"result\""));
        parked.forEach(Runnable::run); // the write thread comes: nothing is written twice
        assertEquals(3, out.writes.size());
    }
}

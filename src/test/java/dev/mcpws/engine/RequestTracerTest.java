package dev.mcpws.engine;

import static dev.mcpws.engine.EngineHarness.TIMEOUT_MS;
import static dev.mcpws.engine.EngineHarness.cancel;
import static dev.mcpws.engine.EngineHarness.modernMeta;
import static dev.mcpws.engine.EngineHarness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's tracing hook: what a {@link RequestTracer} learns when a request arrives and how it ended (once, on
 * every path), and that its trace is current on the worker thread while the method runs.
 */
class RequestTracerTest {

    /** Records every trace: its arrival, the threads that entered it, and its ends. */
    static final class Recorder implements RequestTracer {
        final BlockingQueue<Recorded> ended = new LinkedBlockingQueue<>();
        final List<Recorded> all = new CopyOnWriteArrayList<>();
        /** The trace current on this thread (what an application's tracer would see as its parent). */
        static final ThreadLocal<Recorded> CURRENT = new ThreadLocal<>();

        @Override
        public RequestTrace start(Arrival arrival) {
            Recorded r = new Recorded(arrival, Thread.currentThread().getName());
            all.add(r);
            return r;
        }

        Recorded next() throws InterruptedException {
            Recorded r = ended.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertNotNull(r, "no trace ended");
            return r;
        }

        final class Recorded implements RequestTrace {
            final Arrival arrival;
            final String arrivalThread;
            final List<String> enteredOn = new CopyOnWriteArrayList<>();
            final List<End> ends = new CopyOnWriteArrayList<>();

            Recorded(Arrival arrival, String thread) {
                this.arrival = arrival;
                this.arrivalThread = thread;
            }

            @Override
            public Scope enter() {
                enteredOn.add(Thread.currentThread().getName());
                Recorded outer = CURRENT.get();
                CURRENT.set(this);
                return () -> CURRENT.set(outer);
            }

            @Override
            public void end(End end) {
                ends.add(end);
                ended.add(this);
            }

            End end() {
                assertEquals(1, ends.size(), "ended " + ends.size() + " times");
                return ends.get(0);
            }
        }
    }

    private final Recorder tracer = new Recorder();
    /** The trace each test/tool handler saw as current. */
    private final BlockingQueue<Object> seenByHandler = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> release = new CompletableFuture<>();

    private final ServerFeature tools = new ServerFeature() {
        @Override
        public List<MethodSpec> methods() {
            return methods;
        }

        @Override
        public void capabilities(jakarta.json.JsonObjectBuilder capabilities, String protocolVersion) {
        }
    };

    private final List<MethodSpec> methods = List.of(
            MethodSpec.of("test/tool", ctx -> {
                seenByHandler.add(Recorder.CURRENT.get() == null ? "none" : Recorder.CURRENT.get());
                return CompletableFuture.completedFuture(Json.createObjectBuilder().add("isError",
                        "bad".equals(ctx.params().getString("name", ""))).build());
            }).target(MethodSpec.Target.TOOL),
            MethodSpec.of("test/read", ctx -> release.thenApply(v -> Json.createObjectBuilder().build()))
                    .target(MethodSpec.Target.URI),
            MethodSpec.of("test/fail", ctx -> {
                throw new IllegalStateException("secret detail");
            }));

    private final EngineHarness h = new EngineHarness(List.of(tools), EngineSettings.DEFAULTS, b -> b.tracer(tracer));

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void legacyRequestsAreTracedWithTheirSessionVersionAndTargetAndRunInsideTheirTrace() throws Exception {
        h.initialize("2025-06-18");
        Recorder.Recorded init = tracer.next();
        assertEquals("initialize", init.arrival.method());
        assertEquals(new RequestTracer.End("2025-06-18", "conn-1", "ok", null, null), init.end());

        h.call(request(7, "test/tool", Json.createObjectBuilder().add("name", "echo")));
        Recorder.Recorded call = tracer.next();
        RequestTracer.Arrival a = call.arrival;
        assertEquals("test/tool", a.method());
        assertEquals(7L, ((Number) a.id().value()).longValue());
        assertEquals(MethodSpec.Target.TOOL, a.targetKind());
        assertEquals("echo", a.target());
        assertEquals("test", a.transport());
        assertEquals(new RequestTracer.End("2025-06-18", "conn-1", "ok", null, null), call.end());
        // made current on the worker, not on the thread that received the request, and seen by the handler
        assertEquals(1, call.enteredOn.size());
        assertNotEquals(call.arrivalThread, call.enteredOn.get(0));
        assertEquals(call, seenByHandler.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        assertNull(Recorder.CURRENT.get());
    }

    @Test
    void modernRequestsCarryTheirMetaAndNoSession() throws Exception {
        h.call(request("m1", "test/tool", Json.createObjectBuilder().add("name", "bad")
                .add("_meta", modernMeta().add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))));
        Recorder.Recorded r = tracer.next();
        assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", r.arrival.meta().getString("traceparent"));
        assertEquals(new RequestTracer.End("2026-07-28", null, "tool_error", null, null), r.end());
    }

    @Test
    void errorsEndTheTraceWithTheirCodeAndMessage() throws Exception {
        h.call(request(1, "no/such", Json.createObjectBuilder().add("_meta", modernMeta())));
        Recorder.Recorded unknown = tracer.next();
        assertNull(unknown.arrival.targetKind());
        assertEquals(new RequestTracer.End("2026-07-28", null, "error_-32601", -32601, "Method not found: no/such"),
                unknown.end());

        h.call(request(2, "test/fail", Json.createObjectBuilder().add("_meta", modernMeta())));
        assertEquals(new RequestTracer.End("2026-07-28", null, "error_-32603", -32603, "Internal error"),
                tracer.next().end());

        h.call(request(3, "test/tool", Json.createObjectBuilder().add("name", "x")));  // no _meta, no handshake
        RequestTracer.End missing = tracer.next().end();
        assertEquals(-32602, missing.errorCode());
        assertNull(missing.protocolVersion());
    }

    @Test
    void aCancelledRequestEndsOnceAsCancelled() throws Exception {
        h.initialize("2025-11-25");
        tracer.next();
        h.send(request(5, "test/read", Json.createObjectBuilder().add("uri", "file:///a")));
        h.send(cancel(5));
        Recorder.Recorded r = tracer.next();
        assertEquals(MethodSpec.Target.URI, r.arrival.targetKind());
        assertEquals("file:///a", r.arrival.target());
        release.complete(null); // the handler's stage completes after the cancel: no second end
        h.awaitIdle();
        assertEquals(new RequestTracer.End("2025-11-25", "conn-1", "cancelled", null, null), r.end());
        assertTrue(tracer.ended.isEmpty());
        h.connection.assertNoUnread();
    }
}

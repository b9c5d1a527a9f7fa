package dev.mcpws.engine;

import static dev.mcpws.engine.EngineHarness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which requests run on the thread that read them (here: the test's thread, which plays the transport's read thread)
 * and which hop to the worker pool, and that running inline changes none of the rules: admission, ordering of the
 * answers on one connection, the execution timeout, the budget that demotes a slow one.
 */
class InlineDispatchTest {

    /** The thread each handler ran on, in the order they ran. */
    private final BlockingQueue<Thread> ranOn = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch blockStarted = new CountDownLatch(1);
    private final BlockingQueue<Boolean> interrupted = new LinkedBlockingQueue<>();
    private volatile long inlineSleepMs;
    private EngineHarness h;
    private ScheduledThreadPoolExecutor timer;
    /** Tasks ever scheduled on {@link #timer}. */
    private final java.util.concurrent.atomic.AtomicInteger scheduled = new java.util.concurrent.atomic.AtomicInteger();

    /** {@code test/fast} (non-blocking), {@code test/slow} (non-blocking, sleeps once), {@code test/hop}, {@code test/block}. */
    private final ServerFeature feature = new TestFeature.OtherFeature() {
        @Override
        public List<MethodSpec> methods() {
            return List.of(
                    MethodSpec.of("test/fast", ctx -> ran(Json.createObjectBuilder().add("fast", true).build())).nonBlocking(),
                    MethodSpec.of("test/slow", ctx -> {
                        ranOn.add(Thread.currentThread());
                        long ms = inlineSleepMs;
                        inlineSleepMs = 0;
                        if (ms > 0) {
                            try {
                                Thread.sleep(ms);
                            } catch (InterruptedException e) {
                                interrupted.add(true);
                                Thread.currentThread().interrupt(); // as a careless tool would leave it
                            }
                        }
                        return CompletableFuture.completedFuture(Json.createObjectBuilder().add("slow", ms).build());
                    }).nonBlocking(),
                    MethodSpec.of("test/hop", ctx -> ran(Json.createObjectBuilder().add("hop", true).build())),
                    MethodSpec.of("test/block", ctx -> {
                        ranOn.add(Thread.currentThread());
                        blockStarted.countDown();
                        try {
                            release.await(EngineHarness.TIMEOUT_MS, TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return CompletableFuture.completedFuture(Json.createObjectBuilder().add("block", true).build());
                    }));
        }
    };

    private CompletableFuture<JsonObject> ran(JsonObject result) {
        ranOn.add(Thread.currentThread());
        return CompletableFuture.completedFuture(result);
    }

    private void start(EngineSettings settings) {
        timer = new ScheduledThreadPoolExecutor(1) {
            @Override
            protected <V> java.util.concurrent.RunnableScheduledFuture<V> decorateTask(Runnable r,
                    java.util.concurrent.RunnableScheduledFuture<V> task) {
                scheduled.incrementAndGet(); // every schedule* call passes here (getTaskCount is only approximate)
                return task;
            }
        };
        h = new EngineHarness(List.of(feature), settings, b -> b.timer(timer));
        h.initialize("2025-11-25");
    }

    @AfterEach
    void close() {
        release.countDown();
        if (h != null) {
            h.close();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private Thread nextThread() throws InterruptedException {
        Thread t = ranOn.poll(EngineHarness.TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertTrue(t != null, "the handler ran");
        return t;
    }

    @Test
    void nonBlockingMethodsRunOnTheReadingThreadAndOthersHop() throws Exception {
        start(EngineSettings.DEFAULTS);
        h.send(request(1, "test/fast", null));
        assertSame(Thread.currentThread(), nextThread(), "a non-blocking method runs on the thread that read it");
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"fast\":true}}", h.connection.next());

        h.send(request(2, "test/hop", null));
        assertNotSame(Thread.currentThread(), nextThread(), "a method not declared non-blocking hops to the pool");
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"hop\":true}}", h.connection.next());
        EngineHarness.assertNothingInFlight(h.session);
    }

    @Test
    void theEngineOwnMethodsAreAnsweredBeforeTheReadReturns() {
        start(EngineSettings.DEFAULTS);
        // ping is answered inline: its answer is there the moment onMessage returns (no waiting for a worker)
        h.send(request(3, "ping", null));
        List<String> sent = h.connection.sent();
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}", sent.get(sent.size() - 1));
        h.connection.next(); // the initialize answer was read by initialize(); this is the ping's
        EngineHarness.assertNothingInFlight(h.session);
    }

    @Test
    void aZeroBudgetSendsEveryRequestToThePool() throws Exception {
        start(EngineSettings.DEFAULTS.inlineBudgetMs(0));
        h.send(request(1, "test/fast", null));
        assertNotSame(Thread.currentThread(), nextThread(), "mcp.dispatch.inline-budget-ms=0: nothing runs inline");
        h.connection.next();
    }

    @Test
    void anInlineAnswerIsNotQueuedBehindBlockedWorkOfTheSameConnection() throws Exception {
        start(EngineSettings.DEFAULTS);
        h.send(request(1, "test/block", null));
        assertTrue(blockStarted.await(EngineHarness.TIMEOUT_MS, TimeUnit.MILLISECONDS));
        nextThread();
        h.send(request(2, "test/fast", null));
        h.send(request(3, "ping", null));
        // both answered at once, in the order they were read, while request 1 still holds its worker
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"fast\":true}}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}"), h.connection.next(2));
        release.countDown();
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"block\":true}}", h.connection.next());
        h.connection.assertNoUnread();
        EngineHarness.assertNothingInFlight(h.session);
    }

    @Test
    void anInlineRequestCountsAgainstMaxInFlight() throws Exception {
        start(new EngineSettings(30_000, "public", 1, 0));
        h.send(request(1, "test/block", null));
        assertTrue(blockStarted.await(EngineHarness.TIMEOUT_MS, TimeUnit.MILLISECONDS));
        h.send(request(2, "test/fast", null));
        JsonObject refused = h.connection.nextObject();
        assertEquals(2, refused.getInt("id"));
        assertEquals(-32001, refused.getJsonObject("error").getInt("code"), "the cap applies inline too: " + refused);
        release.countDown();
        assertEquals(1, h.connection.nextObject().getInt("id"));
        h.send(request(3, "test/fast", null));
        assertEquals(3, h.connection.nextObject().getInt("id"), "admitted again once the first one ended");
    }

    @Test
    void aNonBlockingMethodThatRunsPastTheBudgetIsDemotedOnce() throws Exception {
        start(EngineSettings.DEFAULTS.inlineBudgetMs(20));
        try (LogCapture log = new LogCapture()) {
            inlineSleepMs = 200;
            h.send(request(1, "test/slow", null));
            assertSame(Thread.currentThread(), nextThread(), "the first call ran inline");
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"slow\":200}}", h.connection.next());
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), "one warning: " + warnings);
            assertTrue(warnings.get(0).startsWith("MCPWS0104W: non-blocking test/slow ran "), warnings.get(0));

            h.send(request(2, "test/slow", null));
            assertNotSame(Thread.currentThread(), nextThread(), "demoted: the next call hops to the pool");
            h.connection.next();
            h.send(request(3, "test/fast", null));
            assertSame(Thread.currentThread(), nextThread(), "other methods stay inline");
            h.connection.next();
            assertEquals(1, log.messages(Level.WARNING).size(), "logged once");
        }
    }

    @Test
    void theWatchdogLooksOnlyWhileSomethingRunsInline() {
        start(EngineSettings.DEFAULTS);
        assertEquals(0, scheduled.get(), "an engine with nothing running inline schedules nothing on its timer");
        h.send(request(1, "test/fast", null)); // runs inline: arms one look of the watchdog
        assertEquals(1, h.connection.nextObject().getInt("id"));
        assertEquals(1, scheduled.get(), "the inline run armed one look");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMillis(EngineHarness.TIMEOUT_MS))
                .until(() -> timer.getCompletedTaskCount() == 1);
        assertTrue(timer.getQueue().isEmpty(), "the look found nothing running: no next look is scheduled");
        assertEquals(1, scheduled.get());
    }

    @Test
    void theTimeoutOfAnInlineRequestAnswersAndInterruptsItAndTheReadingThreadComesBackClean() throws Exception {
        start(new EngineSettings(30_000, "public", 256, 100).inlineBudgetMs(60_000));
        inlineSleepMs = 30_000;
        h.send(request(1, "test/slow", null)); // returns once the timeout interrupted the handler
        assertEquals(Boolean.TRUE, interrupted.poll(EngineHarness.TIMEOUT_MS, TimeUnit.MILLISECONDS),
                "the handler was interrupted");
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt was cleared before the thread went back");
        JsonObject answer = h.connection.nextObject();
        assertEquals(-32003, answer.getJsonObject("error").getInt("code"), "timed out: " + answer);
        h.connection.assertNoUnread();
        EngineHarness.assertNothingInFlight(h.session);
    }
}

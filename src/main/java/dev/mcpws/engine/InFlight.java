package dev.mcpws.engine;

import dev.mcpws.protocol.RequestId;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request being worked on. Exactly one of "answered" and "cancelled" wins: a cancelled request is never
 * answered, and a request answered first ignores a late cancel.
 */
final class InFlight implements dev.mcpws.api.Cancellation {

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int CANCELLED = 2;
    /** Answered with a CreateTaskResult; the work goes on for its task. */
    private static final int DETACHED = 3;

    final RequestId id;
    final String method;
    final RequestChannel channel;
    /** A long-lived request (e.g. subscriptions/listen): no execution timeout, not counted against the in-flight cap. */
    final boolean longLived;
    /** The request's trace (ended by whichever path ends the request). */
    final Traced traced;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private volatile Future<?> future;
    private volatile Future<?> timeout;
    private volatile String reason;
    private volatile Runnable releaseShare = () -> { };

    InFlight(RequestId id, MethodSpec spec, RequestChannel channel, Traced traced) {
        this.id = id;
        this.traced = traced;
        this.method = spec.name();
        this.channel = channel;
        this.longLived = spec.longLived();
    }

    void future(Future<?> f) {
        this.future = f;
        if (state.get() == CANCELLED) {
            f.cancel(true);
        }
    }

    /** Sets (or replaces) the timer that expires this request. */
    void timeout(Future<?> timer) {
        Future<?> old = this.timeout;
        this.timeout = timer;
        if (old != null) {
            old.cancel(false);
        }
        if (state.get() != RUNNING) { // answered, cancelled, or a task's (whose TTL bounds it instead)
            timer.cancel(false);
        }
    }

    private void stopTimer() {
        Future<?> t = timeout;
        if (t != null) {
            t.cancel(false);
        }
    }

    /** Claims the right to answer; false when the request was cancelled (then nothing may be sent). */
    boolean complete() {
        boolean won = state.compareAndSet(RUNNING, DONE);
        if (won) {
            stopTimer();
        }
        return won;
    }

    /** The execution timeout fired: stops the work; true when the caller must now answer with a timeout error. */
    boolean expire() {
        if (!state.compareAndSet(RUNNING, CANCELLED)) {
            return false;
        }
        this.reason = "timeout";
        Future<?> f = future;
        if (f != null) {
            f.cancel(true);
        }
        return true;
    }

    /** Cancels the work (interrupting it) unless it was already answered. */
    boolean cancel(String why) {
        if (!state.compareAndSet(RUNNING, CANCELLED)) {
            return false;
        }
        this.reason = why;
        stopTimer();
        channel.skip();
        Future<?> f = future;
        if (f != null) {
            f.cancel(true);
        }
        traced.end("cancelled", null, null);
        return true;
    }

    /** How to give the request's slot of its connection's share back early (once; see {@link #releaseShare()}). */
    void releaseShare(Runnable release) {
        this.releaseShare = release;
    }

    /** Gives the slot of the connection's share back now: the work goes on as a task. */
    void releaseShare() {
        releaseShare.run();
    }

    /** The request becomes a task: answered now (by the caller), its work goes on; false when it was cancelled. */
    boolean detach() {
        boolean won = state.compareAndSet(RUNNING, DETACHED);
        if (won) {
            stopTimer();
        }
        return won;
    }

    /** The detached work ended by itself: true unless its task was cancelled (or ended) meanwhile. */
    boolean finishTask() {
        return state.compareAndSet(DETACHED, DONE);
    }

    /** Stops the detached work of a task (interrupting it); false when it had ended. */
    boolean cancelTask(String why) {
        if (!state.compareAndSet(DETACHED, CANCELLED)) {
            return false;
        }
        this.reason = why;
        Future<?> f = future;
        if (f != null) {
            f.cancel(true);
        }
        return true;
    }

    /** True while the request is neither answered nor cancelled (nothing may be sent for it afterwards). */
    boolean isRunning() {
        return state.get() == RUNNING;
    }

    @Override
    public boolean isCancelled() {
        return state.get() == CANCELLED;
    }

    @Override
    public String reason() {
        return reason;
    }
}

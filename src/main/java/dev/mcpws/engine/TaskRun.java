package dev.mcpws.engine;

import dev.mcpws.api.Cancellation;
import dev.mcpws.protocol.Json2;
import dev.mcpws.tasks.TaskRecord;
import dev.mcpws.tasks.TaskStore;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * A task this node runs: the request's work, detached from the request (answered with its CreateTaskResult), with
 * the timers that renew its lease and end it at its TTL, and the questions it asked the client (SEP-2663
 * {@code inputRequests}, answered by {@code tasks/update}).
 */
final class TaskRun {

    final String id;
    final InFlight inFlight;
    private final Tasks tasks;
    private final Set<String> asked = new HashSet<>();
    private final Object signal = new Object();
    private volatile Future<?> lease;
    private volatile Future<?> expiry;
    /** Told each status the task reaches on this node (2025-11-25: {@code notifications/tasks/status}); may be null. */
    private volatile java.util.function.Consumer<TaskRecord> statusListener;

    TaskRun(Tasks tasks, String id, InFlight inFlight) {
        this.tasks = tasks;
        this.id = id;
        this.inFlight = inFlight;
    }

    void timers(Future<?> lease, Future<?> expiry) {
        this.lease = lease;
        this.expiry = expiry;
    }

    void onStatus(java.util.function.Consumer<TaskRecord> listener) {
        this.statusListener = listener;
    }

    /** The task reached {@code status} (its record after the change; nothing when it is gone). */
    void statusChanged(TaskRecord status) {
        java.util.function.Consumer<TaskRecord> l = statusListener;
        if (l != null && status != null) {
            l.accept(status);
        }
    }

    void stopTimers() {
        Future<?> l = lease;
        Future<?> e = expiry;
        if (l != null) {
            l.cancel(false);
        }
        if (e != null) {
            e.cancel(false);
        }
    }

    /** Wakes the runner waiting for an answer (a {@code tasks/update} arrived, or the task ended). */
    void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /**
     * The answer to {@code key}, waited for on the task's worker: first the questions of {@code questions} not asked
     * yet are published ({@code input_required}), then the answer is taken from the store once {@code tasks/update}
     * gave it. Woken by {@code tasks/update} on this node; the store is read again every poll interval, so an answer
     * another node stored is found too. Cancelled or ended tasks stop waiting ({@link Cancellation.CancelledException}).
     * While the store cannot be reached, the task waits on (it tries again every poll interval).
     */
    JsonValue await(String key, Map<String, JsonObject> questions) {
        JsonObjectBuilder fresh = Json2.object();
        boolean any = false;
        for (Map.Entry<String, JsonObject> q : questions.entrySet()) {
            if (asked.add(q.getKey())) {
                fresh.add(q.getKey(), q.getValue());
                any = true;
            }
        }
        JsonObject publish = any ? fresh.build() : null;
        while (true) {
            if (inFlight.isCancelled()) {
                throw new Cancellation.CancelledException(inFlight.reason());
            }
            try {
                if (publish != null) {
                    JsonObject questionsNow = publish;
                    TaskRecord asking = tasks.store().update(id, t -> t.ask(questionsNow, tasks.now()));
                    publish = null;
                    tasks.changed(null, asking); // input_required, with the new questions
                }
                TaskRecord t = tasks.store().get(id, tasks.now());
                if (t == null || !t.live()) {
                    throw new Cancellation.CancelledException("the task ended");
                }
                JsonValue answer = t.inputResponses().get(key);
                if (answer != null) {
                    try {
                        tasks.store().update(id, r -> r.taken(key));
                    } catch (TaskStore.UnavailableException e) {
                        // left in the record: this key is never asked again
                    }
                    return answer;
                }
            } catch (TaskStore.UnavailableException e) {
                // the store cannot be reached: asked (or read) again after the poll interval
            }
            synchronized (signal) {
                try {
                    // woken by tasks/update; the bound re-reads the store for an answer given on another node
                    signal.wait(tasks.settings().pollIntervalMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Cancellation.CancelledException(inFlight.reason());
                }
            }
        }
    }
}

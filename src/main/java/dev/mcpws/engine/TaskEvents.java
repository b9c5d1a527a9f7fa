package dev.mcpws.engine;

import dev.mcpws.tasks.TaskRecord;
import dev.mcpws.tasks.TaskStore;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a feature outside the engine may know of the tasks extension (SEP-2663) to push task status: which tasks a
 * caller may watch, and each status a task reaches. The 2026-07-28 {@code subscriptions/listen} uses it for
 * {@code notifications.taskIds} and {@code notifications/tasks}.
 *
 * <p>Listeners ({@link #onChange}) are told every change of status this node writes to the task store: a task it
 * runs asking for input, answered, completed, failed, cancelled, expired or stopped; a task whose node was lost,
 * settled failed here. (A change another node wrote reaches this node through the cluster bus as a task id; whoever
 * wants it reads the task with {@link #read}.) A change of {@code statusMessage} alone is not a change of status.
 */
public final class TaskEvents {

    private static final Logger LOG = Logger.getLogger(TaskEvents.class.getName());

    private final Tasks tasks;

    TaskEvents(Tasks tasks) {
        this.tasks = tasks;
    }

    /** True when the request declares the tasks extension in its own clientCapabilities (2026-07-28). */
    public boolean declared(RequestContext ctx) {
        return Tasks.declared(ctx);
    }

    /** -32021 naming the tasks extension: what {@code what} gets from a request that did not declare it. */
    public McpException missingExtension(String what) {
        return Tasks.missingExtension(what);
    }

    /** -32009: the task store cannot be reached now. */
    public McpException storeUnavailable() {
        return Tasks.storeUnavailable();
    }

    /** The caller the tasks of {@code ctx}'s request are bound to; {@link TaskRecord#visibleTo} compares with it. */
    public String callerOf(RequestContext ctx) {
        return tasks.callerOf(ctx);
    }

    /**
     * The task as {@code tasks/get} would see it now (a lost lease settled first), or null when it is unknown or
     * expired. Visibility is the caller's business ({@link TaskRecord#visibleTo}).
     *
     * @throws TaskStore.UnavailableException the store cannot be reached
     */
    public TaskRecord read(String taskId) {
        return tasks.read(taskId);
    }

    /** {@code listener} is told each change of status this node writes (on the thread that wrote it). */
    public void onChange(Consumer<TaskRecord> listener) {
        tasks.onChange(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Watches the leases of the tasks {@code ids} names (the tasks someone listens to): every half lease, each live
     * one that no worker of this node runs is read, so a task whose node died is settled failed (and the listeners
     * told) without anyone polling it. Nothing without a timer. The watch ends with the timer (the application).
     */
    public void watchLeases(Supplier<? extends Collection<String>> ids) {
        if (tasks.timer() == null) {
            return;
        }
        long every = Math.max(100, tasks.settings().leaseMs() / 2);
        try {
            tasks.timer().scheduleWithFixedDelay(() -> {
                try {
                    for (String id : ids.get()) {
                        if (!tasks.runsHere(id)) {
                            tasks.read(id);
                        }
                    }
                } catch (TaskStore.UnavailableException e) {
                    // read again at the next turn
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "Task lease watch failed", e);
                }
            }, every, every, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.fine("Task lease watch not scheduled: the timer is shut down");
        }
    }
}

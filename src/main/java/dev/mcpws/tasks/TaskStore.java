package dev.mcpws.tasks;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where task state lives: in memory by default ({@link InMemoryTaskStore}); a shared store (e.g. Redis) lets any node
 * answer for a task another node runs. Everything kept is a {@link TaskRecord}, whose {@link TaskRecord#toJson()} is
 * its complete serialised form. Implementations are thread-safe; {@link #create} is strongly consistent (a
 * {@link #get} right after it finds the task), {@link #update} is atomic per task. A shared store may be unreachable
 * for a while: then every method throws {@link UnavailableException} within a bounded time (never hangs).
 */
public interface TaskStore {

    /** Why a task was not created. */
    enum Refusal {
        /** The caller has {@code maxLivePerOwner} tasks that are not terminal yet. */
        OWNER_LIMIT,
        /** The store holds {@code maxStored} tasks (results included) that have not expired. */
        STORE_FULL
    }

    /** Thrown by {@link #create} when a limit refuses the task. */
    final class LimitExceededException extends RuntimeException {
        private final Refusal refusal;

        public LimitExceededException(Refusal refusal) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /**
     * Thrown by every method of a shared store that cannot reach its backend right now (or not within its time bound);
     * nothing was changed unless the backend applied it before the answer was lost. Carries no cause: its message is
     * safe to log, never to send.
     */
    final class UnavailableException extends RuntimeException {
        public UnavailableException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Stores a new task, unless its owner already has {@code maxLivePerOwner} live (not terminal, not expired) tasks
     * or the store holds {@code maxStored} unexpired tasks: then {@link LimitExceededException}. Returns once a
     * {@link #get} of its id finds it.
     */
    void create(TaskRecord task, int maxLivePerOwner, int maxStored, long nowMs);

    /** The task with this id, or null when there is none or it expired (expired ones are removed). */
    TaskRecord get(String taskId, long nowMs);

    /**
     * Replaces the task with {@code change.apply(current)}, atomically (the function may run more than once under
     * contention, so it must be free of side effects). Returns the new record, or null when there is no such task.
     */
    TaskRecord update(String taskId, UnaryOperator<TaskRecord> change);

    /** The unexpired tasks of {@code owner}, oldest first (2025-11-25 {@code tasks/list}). */
    List<TaskRecord> listByOwner(String owner, long nowMs);

    /** Of {@code tasks}, those of {@code owner} that have not expired, oldest first: what {@link #listByOwner} returns. */
    static List<TaskRecord> ownedBy(Iterable<TaskRecord> tasks, String owner, long nowMs) {
        List<TaskRecord> out = new java.util.ArrayList<>();
        for (TaskRecord t : tasks) {
            if (t.owner().equals(owner) && !t.expired(nowMs)) {
                out.add(t);
            }
        }
        out.sort(java.util.Comparator.comparingLong(TaskRecord::createdAtMs).thenComparing(TaskRecord::taskId));
        return out;
    }

    /** Removes every task whose TTL elapsed; returns how many. */
    int purgeExpired(long nowMs);

    /** Tasks stored (expired ones not yet purged included). */
    int size();
}

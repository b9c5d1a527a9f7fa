package dev.mcpws.tasks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** The default {@link TaskStore}: one map in this process (tasks live as long as the server, at most their TTL). */
public final class InMemoryTaskStore implements TaskStore {

    private final Map<String, TaskRecord> tasks = new ConcurrentHashMap<>();

    @Override
    public synchronized void create(TaskRecord task, int maxLivePerOwner, int maxStored, long nowMs) {
        // creations are serialised so that two at once cannot both pass a limit; reads and updates are not
        if (tasks.size() >= maxStored) {
            purgeExpired(nowMs);
            if (tasks.size() >= maxStored) {
                throw new LimitExceededException(Refusal.STORE_FULL);
            }
        }
        int live = 0;
        for (TaskRecord t : tasks.values()) {
            if (t.owner().equals(task.owner()) && t.live() && !t.expired(nowMs)) {
                live++;
            }
        }
        if (live >= maxLivePerOwner) {
            throw new LimitExceededException(Refusal.OWNER_LIMIT);
        }
        if (tasks.putIfAbsent(task.taskId(), task) != null) {
            throw new IllegalStateException("task id already in use");
        }
    }

    @Override
    public TaskRecord get(String taskId, long nowMs) {
        TaskRecord t = tasks.get(taskId);
        if (t != null && t.expired(nowMs)) {
            tasks.remove(taskId, t);
            return null;
        }
        return t;
    }

    @Override
    public TaskRecord update(String taskId, UnaryOperator<TaskRecord> change) {
        return tasks.computeIfPresent(taskId, (id, t) -> change.apply(t));
    }

    @Override
    public List<TaskRecord> listByOwner(String owner, long nowMs) {
        return TaskStore.ownedBy(tasks.values(), owner, nowMs);
    }

    @Override
    public int purgeExpired(long nowMs) {
        int before = tasks.size();
        tasks.values().removeIf(t -> t.expired(nowMs));
        return before - tasks.size();
    }

    @Override
    public int size() {
        return tasks.size();
    }
}
